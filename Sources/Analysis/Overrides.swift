import CostModel
import Pricing

/// `--set KEY=VALUE` overrides, applied to a scenario's resolved phases:
///
/// - `NAME=VALUE`: a usage input (`nat_gb=500`, `nat_gb=100..900`), in every phase;
/// - `RESOURCE.PARAM=VALUE`: a parameter of the resource with that id, in every phase that has it
///   (`app.count=3`, `db.instance_class=db.t4g.small`, `db.multi_az=true`);
/// - `region=R`, `hours_per_month=N`, `tenants=N`.
///
/// Keys and values are checked like scenario input; mistakes are command-line errors (64).
public struct Overrides: Sendable {
    public var assignments: [(key: String, value: String)]
    /// The option the assignments came from, for messages: `--set`, or `--vary` for a sweep's.
    public var option = "--set"

    public init(_ arguments: [String]) throws {
        assignments = []
        for arg in arguments {
            guard let eq = arg.firstIndex(of: "="), eq != arg.startIndex else {
                throw UserError(
                    message: "--set '\(arg)' must be KEY=VALUE", hint: "e.g. --set nat_gb=500 or --set app.count=3",
                    status: .usage)
            }
            assignments.append((String(arg[..<eq]), String(arg[arg.index(after: eq)...])))
        }
    }

    public var isEmpty: Bool { assignments.isEmpty }

    func location(_ key: String, _ value: String) -> InputLocation {
        InputLocation(path: "\(option) \(key)=\(value)", line: 0, column: 0)
    }

    func usageError(_ message: String, hint: String? = nil) -> UserError {
        UserError(message: "\(option): " + message, hint: hint, status: .usage)
    }

    /// The value as a scenario parameter: true/false, a number or range, `$input`, or text.
    static func paramValue(_ text: String) -> ParamValue {
        if text == "true" || text == "false" { return .flag(text == "true") }
        if text.hasPrefix("$") { return .usage(String(text.dropFirst())) }
        if case .success(let e) = Estimate.parse(text) { return .number(e) }
        return .text(text)
    }

    func estimate(_ key: String, _ text: String) throws -> Estimate {
        switch Estimate.parse(text) {
        case .success(let e) where e.low <= e.high: return e
        case .success: throw usageError("\(key)=\(text): the low end of the range is above the high end")
        case .failure(let f): throw usageError("\(key)=\(text): not a non-negative number or range: \(f)")
        }
    }

    /// Applies the overrides; the scenario's own values stay where no override names them.
    public func apply(to scenario: inout Scenario, phases: inout [ResolvedPhase]) throws {
        let inputs = Dictionary(uniqueKeysWithValues: scenario.usage.map { ($0.name, $0.unit) })
        let resourceIDs = Set(phases.flatMap { ($0.resources + $0.perTenant).map(\.id) })
        for (key, value) in assignments {
            switch key {
            case "region":
                if let problem = AWSServiceNames.regionProblem(value) {
                    throw UserError(message: "\(option) region: " + problem, hint: AWSServiceNames.regionHint, status: .usage)
                }
                scenario.region = value
                continue
            case "free_tier":
                guard let mode = FreeTierMode(rawValue: value) else {
                    throw usageError("free_tier=\(value): use none or always_free")
                }
                scenario.freeTier = mode
                continue
            case "hours_per_month":
                let e = try estimate(key, value)
                guard !e.isRange, e.low > .zero, e.low <= Quantity(744) else {
                    throw usageError("hours_per_month must be one number between 1 and 744")
                }
                scenario.hoursPerMonth = e.low
                continue
            case "tenants":
                let e = try estimate(key, value)
                guard phases.contains(where: { !$0.perTenant.isEmpty }) else {
                    throw usageError("tenants: no phase of \(scenario.path) has per_tenant resources")
                }
                for i in phases.indices where !phases[i].perTenant.isEmpty {
                    phases[i].tenants = e
                    phases[i].tenantsLocation = location(key, value)
                }
                continue
            default: break
            }
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 1 {
                guard inputs[key] != nil else {
                    let names = Array(inputs.keys) + ["region", "hours_per_month", "tenants", "free_tier"]
                    let guess = Spelling.didYouMean(key, in: names)
                    throw usageError(
                        "no usage input '\(key)' in \(scenario.path).\(guess)",
                        hint: "keys: a usage input, RESOURCE.PARAMETER, region, hours_per_month, tenants or free_tier")
                }
                let e = try estimate(key, value)
                for i in phases.indices { phases[i].usage[key] = e }
                continue
            }
            let (id, param) = (parts[0], parts[1])
            guard resourceIDs.contains(id) else {
                let guess = Spelling.didYouMean(id, in: resourceIDs)
                throw usageError("no resource '\(id)' in \(scenario.path).\(guess)")
            }
            let p = Param(Self.paramValue(value), at: location(key, value))
            for i in phases.indices {
                for j in phases[i].resources.indices where phases[i].resources[j].id == id {
                    try check(phases[i].resources[j], param, p, inputs)
                    phases[i].resources[j].params[param] = p
                }
                for j in phases[i].perTenant.indices where phases[i].perTenant[j].id == id {
                    try check(phases[i].perTenant[j], param, p, inputs)
                    phases[i].perTenant[j].params[param] = p
                }
            }
        }
    }

    func check(_ resource: ResourceSpec, _ name: String, _ param: Param, _ inputs: [String: String]) throws {
        guard let rule = ServiceRules.rule(resource.type) else { return }  // reported by the engine
        guard let spec = rule.parameter(name) else {
            let names = (rule.parameters + CommonParameters.all).map(\.name)
            let guess = Spelling.didYouMean(name, in: names)
            throw usageError(
                "\(resource.id) (\(rule.type)) has no parameter '\(name)'.\(guess)",
                hint: "\(rule.type) takes: " + names.joined(separator: ", "))
        }
        if let (message, hint) = ParameterCheck.problem(spec, param.value, units: inputs) {
            throw usageError("\(resource.id).\(name): " + message, hint: hint)
        }
    }
}
