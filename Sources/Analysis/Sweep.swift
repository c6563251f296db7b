import CostModel
import Pricing

/// `--vary KEY=FROM..TO[:STEP]`: one override key and the values to try.
public struct Variation: Sendable {
    public var key: String
    public var values: [Quantity]
    /// Whether STEP was given; without it the step is a tenth of the range (see ``inWholeSteps()``).
    public var stepGiven: Bool

    /// The values from FROM to TO by a whole step of at least 1 (a tenth of the range rounded up)
    /// when STEP was not given: for a count (tasks, instances, tenants), where 2.5 tasks is no
    /// answer.
    public func inWholeSteps() -> Variation {
        guard !stepGiven, let low = values.first, let high = values.last else { return self }
        let one = Quantity.one
        let tenth = (high.millionths - low.millionths) / 10
        let step = max(one, (tenth + one - 1) / one * one)
        var copy = self
        copy.values = Array(stride(from: low.millionths, to: high.millionths, by: Int(step)).map(Quantity.init(millionths:)))
        copy.values.append(high)
        return copy
    }

    /// Parses `nat_gb=0..2000:250` (STEP defaults to a tenth of the range).
    public init(_ text: String) throws {
        func bad(_ why: String) -> UserError {
            UserError(
                message: "--vary '\(text)': \(why)", hint: "write KEY=FROM..TO[:STEP], e.g. nat_gb=0..2000:250", status: .usage)
        }
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { throw bad("missing KEY=") }
        stepGiven = false
        key = String(text[..<eq])
        var rest = String(text[text.index(after: eq)...])
        var step: Quantity?
        if let colon = rest.lastIndex(of: ":") {
            guard case .success(let s) = Quantity.parse(String(rest[rest.index(after: colon)...])), s > .zero else {
                throw bad("STEP must be a positive number")
            }
            step = s
            stepGiven = true
            rest = String(rest[..<colon])
        }
        guard case .success(let range) = Estimate.parse(rest), range.isRange, range.low < range.high else {
            throw bad("FROM..TO must be a range with FROM below TO")
        }
        let by = step ?? Quantity(millionths: max(1, (range.high.millionths - range.low.millionths) / 10))
        var values: [Quantity] = []
        var x = range.low
        while x <= range.high {
            values.append(x)
            x = x + by
            if values.count > 10_000 { throw bad("more than 10000 steps; use a larger STEP") }
        }
        if values.last != range.high { values.append(range.high) }
        self.values = values
    }
}

extension Engine {
    /// Prices the scenario once per value of the variation (other overrides applied too).
    public mutating func sweep(path: String, variation: Variation, overrides: Overrides, phases ids: [String]) throws
        -> SweepResult
    {
        let (scenario, phases) = try validate(path: path)
        var rows: [(Quantity, [Money])] = []
        var shown: [String] = []
        let variation = Self.countsWholeUnits(variation.key, scenario, phases) ? variation.inWholeSteps() : variation
        for value in variation.values {
            // The --set overrides, then the varied value on top (its mistakes say --vary).
            var (s, p) = (scenario, phases)
            try overrides.apply(to: &s, phases: &p)
            var vary = try Overrides(["\(variation.key)=\(value)"])
            vary.option = "--vary"
            let cost = try plan(s, p, overrides: vary)
            let selected = ids.isEmpty ? cost.phases : cost.phases.filter { ids.contains($0.id) }
            shown = selected.map(\.id)
            rows.append((value, selected.map(\.monthlyCost)))
        }
        return SweepResult(key: variation.key, phases: shown, rows: rows)
    }

    /// Whether an override key counts whole things: `tenants`, a parameter in unit `count`
    /// (`api.tasks`, `app.count`) or a usage input in unit `count`.
    static func countsWholeUnits(_ key: String, _ scenario: Scenario, _ phases: [ResolvedPhase]) -> Bool {
        if key == "tenants" { return true }
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            guard let r = phases.lazy.flatMap({ $0.resources + $0.perTenant }).first(where: { $0.id == parts[0] }),
                let spec = ServiceRules.rule(r.type)?.parameter(parts[1]), case .number(let unit) = spec.kind
            else { return false }
            return unit == "count"
        }
        return scenario.usage.first { $0.name == key }?.unit == "count"
    }
}
