import CostModel

/// `--vary KEY=FROM..TO[:STEP]`: one override key and the values to try.
public struct Variation: Sendable {
    public var key: String
    public var values: [Quantity]

    /// Parses `nat_gb=0..2000:250` (STEP defaults to a tenth of the range).
    public init(_ text: String) throws {
        func bad(_ why: String) -> UserError {
            UserError(
                message: "--vary '\(text)': \(why)", hint: "write KEY=FROM..TO[:STEP], e.g. nat_gb=0..2000:250", status: .usage)
        }
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { throw bad("missing KEY=") }
        key = String(text[..<eq])
        var rest = String(text[text.index(after: eq)...])
        var step: Quantity?
        if let colon = rest.lastIndex(of: ":") {
            guard case .success(let s) = Quantity.parse(String(rest[rest.index(after: colon)...])), s > .zero else {
                throw bad("STEP must be a positive number")
            }
            step = s
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
        for value in variation.values {
            var set = overrides
            set.assignments.append((variation.key, value.description))
            let cost = try plan(scenario, phases, overrides: set)
            let selected = ids.isEmpty ? cost.phases : cost.phases.filter { ids.contains($0.id) }
            shown = selected.map(\.id)
            rows.append((value, selected.map(\.monthlyCost)))
        }
        return SweepResult(key: variation.key, phases: shown, rows: rows)
    }
}
