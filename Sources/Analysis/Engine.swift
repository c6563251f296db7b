import CostModel
import Foundation
import Pricing
import Scenarios

/// Prices every phase of a scenario line by line: each resource's rule turns its parameters
/// into components (quantity × price key), each component is priced from the catalog at the
/// low, expected and high values of every range, and rounded once to the cent.
public struct Engine {
    let catalog: Catalog
    let resolver: PriceResolver
    /// Prices already looked up, by region and key (nil: missing).
    var cache: [String: ResolvedPrice?] = [:]
    /// Lines already priced: phases repeat most resources of the phase they extend.
    var linesCache: [EvaluationKey: [CostLine]] = [:]
    /// Rule inputs at the low, expected and high points, evaluated while checking.
    var inputs: [EvaluationKey: [RuleInput]] = [:]

    /// What a resource's lines depend on: its parameters, the usage values it refers to, the
    /// scenario's region and month and, for per-tenant resources, the tenant count.
    struct EvaluationKey: Hashable {
        var resource: ResourceSpec
        var usage: [String: Estimate]
        var tenants: Estimate?
        var region: String
        var hoursPerMonth: Quantity

        init(_ resource: ResourceSpec, _ phase: ResolvedPhase, _ scenario: Scenario, perTenant: Bool) {
            self.resource = resource
            region = scenario.region
            hoursPerMonth = scenario.hoursPerMonth
            var usage: [String: Estimate] = [:]
            for param in resource.params.values {
                if case .usage(let name) = param.value { usage[name] = phase.usage[name] }
            }
            self.usage = usage
            tenants = perTenant ? phase.tenants : nil
        }

        // Hashes every field (synthesized): a key that hashed only where the resource is
        // declared put every changed copy of a resource in one bucket, so phases that change one
        // resource each made checking quadratic in the number of phases.
    }

    public init(catalog: Catalog) {
        self.catalog = catalog
        self.resolver = PriceResolver(catalog: catalog)
    }

    /// Loads, resolves, checks and prices a scenario file.
    public mutating func plan(path: String, overrides: Overrides? = nil) throws -> ScenarioCost {
        let (scenario, phases) = try validate(path: path, overrides: overrides)
        return try price(scenario, phases)
    }

    /// Reads and checks a scenario file, reporting the problems of every stage (structure,
    /// phases, resources and prices) together, in file order.
    public mutating func validate(path: String, overrides: Overrides? = nil) throws -> (Scenario, [ResolvedPhase]) {
        let (partial, loadProblems) = try ScenarioLoader.loadPartial(path: path)
        guard var scenario = partial else { throw UserError(loadProblems) }
        var (phases, phaseProblems) = PhaseResolver.resolvePartial(scenario)
        var problems = loadProblems + phaseProblems
        if let overrides, problems.isEmpty {
            try overrides.apply(to: &scenario, phases: &phases)
        }
        do {
            try check(scenario, phases)
        } catch let error as UserError {
            problems += error.diagnostics
        }
        if !problems.isEmpty {
            let sorted = problems.enumerated().sorted {
                ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < (
                    $1.element.line ?? 0, $1.element.column ?? 0, $1.offset
                )
            }.map(\.element)
            throw UserError(sorted, status: Engine.status(of: sorted))
        }
        return (scenario, phases)
    }

    /// Prices already validated phases with overrides applied on top (for sweeps: the file is
    /// read and checked once).
    public mutating func plan(_ scenario: Scenario, _ phases: [ResolvedPhase], overrides: Overrides) throws -> ScenarioCost {
        var scenario = scenario
        var phases = phases
        try overrides.apply(to: &scenario, phases: &phases)
        try check(scenario, phases)
        return try price(scenario, phases)
    }

    public mutating func plan(_ scenario: Scenario) throws -> ScenarioCost {
        let phases = try PhaseResolver.resolve(scenario)
        try check(scenario, phases)
        return try price(scenario, phases)
    }

    mutating func price(_ scenario: Scenario, _ phases: [ResolvedPhase]) throws -> ScenarioCost {
        // Long sweeps would grow the caches without bound: they only need to span one plan.
        if linesCache.count + inputs.count > 100_000 {
            linesCache.removeAll()
            inputs.removeAll()
        }
        var costs: [PhaseCost] = []
        var totals: [String: Money] = [:]
        for phase in phases {
            var cost = try price(phase, scenario)
            let total = cost.monthlyCost
            if let parent = phase.extends.flatMap({ totals[$0] }) { cost.delta = total - parent }
            if totals[phase.id] == nil { totals[phase.id] = total }
            costs.append(cost)
        }
        return ScenarioCost(
            scenario: scenario.name, path: scenario.path, region: scenario.region,
            currency: scenario.currency, hoursPerMonth: scenario.hoursPerMonth, phases: costs)
    }

    // MARK: - checking

    /// What `check` found: counts of what was validated.
    public struct CheckSummary: Sendable {
        public var phases: Int
        public var resources: Int
        public var prices: Int
    }

    /// Validates a scenario file and that every price it needs exists, without pricing it.
    public mutating func check(path: String) throws -> CheckSummary {
        let (scenario, phases) = try validate(path: path)
        try Timeline.check(scenario)
        let resources = Set(phases.flatMap { ($0.resources + $0.perTenant).map(\.location) }).count
        return CheckSummary(phases: phases.count, resources: resources, prices: cache.values.filter { $0 != nil }.count)
    }

    /// Every problem of every resource in every phase (reported once per place): unknown types
    /// and parameters, wrong kinds and units, missing required values, missing prices.
    public mutating func check(_ scenario: Scenario, _ phases: [ResolvedPhase]) throws {
        var diagnostics: [Diagnostic] = []
        var seen = Set<Diagnostic>()
        func report(_ d: Diagnostic) {
            if seen.insert(d).inserted { diagnostics.append(d) }
        }
        let units = Dictionary(uniqueKeysWithValues: scenario.usage.map { ($0.name, $0.unit) })
        let types = ServiceRules.all.map(\.type)
        var checked = Set<EvaluationKey>()
        for phase in phases {
            var keys: [EvaluationKey] = []
            let before = diagnostics.count
            for (resource, perTenant) in phase.resources.map({ ($0, false) }) + phase.perTenant.map({ ($0, true) }) {
                let key = EvaluationKey(resource, phase, scenario, perTenant: perTenant)
                keys.append(key)
                guard checked.insert(key).inserted else { continue }
                guard let rule = ServiceRules.rule(resource.type) else {
                    let guess = Spelling.didYouMean(resource.type, in: types)
                    report(
                        resource.typeLocation.diagnostic(
                            "unknown resource type '\(resource.type)'.\(guess)",
                            hint: "types: " + types.joined(separator: ", ")))
                    continue
                }
                var paramOK = true
                for (name, param) in resource.params.sorted(by: { $0.key < $1.key }) {
                    guard let spec = rule.parameter(name) else {
                        let names = (rule.parameters + CommonParameters.all).map(\.name)
                        let guess = Spelling.didYouMean(name, in: names)
                        report(
                            param.location.diagnostic(
                                "unknown parameter '\(name)' for type \(rule.type).\(guess)",
                                hint: "\(rule.type) takes: " + names.joined(separator: ", ")))
                        paramOK = false
                        continue
                    }
                    if let problem = ParameterCheck.problem(spec, param.value, units: units) {
                        report(param.location.diagnostic(problem.0, hint: problem.1))
                        paramOK = false
                    }
                }
                for spec in rule.parameters where spec.isRequired && resource.params[spec.name] == nil {
                    report(
                        resource.location.diagnostic(
                            "resource '\(resource.id)' (\(rule.type)) needs '\(spec.name)': \(spec.summary)"))
                    paramOK = false
                }
                if rule.type == "fixed", case .text(let s)? = resource.params["source"]?.value,
                    s.trimmingCharacters(in: .whitespaces).isEmpty
                {
                    report(
                        resource.params["source"]!.location.diagnostic(
                            "a fixed cost needs a source: where does the amount come from?"))
                    paramOK = false
                }
                guard paramOK else { continue }
                // The three points once (pricing reuses them): cross-parameter checks at the
                // ends, price keys at the high point.
                let points = Estimate.Point.allCases.map { evaluate(resource, rule, phase, scenario, $0) }
                inputs[key] = points
                let reported = diagnostics.count
                for input in [points[0], points[2]] {
                    for (param, message) in rule.validate(input) {
                        report((resource.params[param]?.location ?? resource.location).diagnostic(message))
                    }
                }
                let input = points[2]
                if input.region.isEmpty || diagnostics.count > reported { continue }  // region: reported by the loader
                if let problem = Engine.quantityProblem(resource, rule, points, perTenant: perTenant, phase) {
                    report(problem)
                    continue
                }
                // A component that prices nothing needs no price (the rule `price` skips it by).
                let expected = rule.components(points[1])
                for (i, component) in rule.components(input).enumerated() {
                    guard let key = component.price.key else { continue }
                    if i < expected.count && Engine.pricesNothing(expected[i].quantity, high: component.quantity) { continue }
                    if try price(key, input.region) == nil {
                        // Point at the parameter that chose the key (instance_type: t4g.huge), if any.
                        let chooser =
                            resource.params.sorted { $0.key < $1.key }.first { _, p in
                                if case .text(let t) = p.value { return key.contains(".\(t).") } else { return false }
                            }?.value.location ?? resource.location
                        let missing = resolver.missingPrice(key: key, region: input.region)
                        report(chooser.diagnostic(missing.message, hint: missing.hint))
                    }
                }
                guard diagnostics.count == reported else { continue }
                // Priced here, as `plan` prices it, so that `check` finds every cost too large.
                let lines = try price(resource, perTenant: perTenant, phase, scenario, evaluated: points)
                linesCache[key] = lines
                if let problem = Engine.costProblem(lines, resource, perTenant: perTenant, phase) { report(problem) }
            }
            if diagnostics.count == before,
                let problem = Engine.totalProblem(keys.flatMap { linesCache[$0] ?? [] }, phase)
            {
                report(problem)
            }
        }
        if !diagnostics.isEmpty { throw UserError(diagnostics, status: Engine.status(of: diagnostics)) }
    }

    /// 64 when a problem comes from the command line (a `--set` value has no line), else 65.
    static func status(of diagnostics: [Diagnostic]) -> ExitStatus {
        diagnostics.contains { $0.line == 0 } ? .usage : .dataError
    }

    // MARK: - evaluation

    func evaluate(
        _ resource: ResourceSpec, _ rule: any ServiceRule, _ phase: ResolvedPhase, _ scenario: Scenario,
        _ point: Estimate.Point
    ) -> RuleInput {
        evaluate(resource, rule, phase, scenario) { estimate, _ in estimate.at(point) }
    }

    /// Where a number comes from: a usage input, or the parameter itself.
    enum NumberSource: Hashable {
        case usage(String)
        case parameter(String)
    }

    /// The rule input with every number chosen by `pick` from its estimate and source.
    func evaluate(
        _ resource: ResourceSpec, _ rule: any ServiceRule, _ phase: ResolvedPhase, _ scenario: Scenario,
        pick: (Estimate, NumberSource) -> Quantity
    ) -> RuleInput {
        var numbers: [String: Quantity] = [:]
        var texts: [String: String] = [:]
        var flags: [String: Bool] = [:]
        func assign(_ name: String, _ value: ParamValue) {
            switch value {
            case .number(let e): numbers[name] = pick(e, .parameter(name))
            case .usage(let u): numbers[name] = phase.usage[u].map { pick($0, .usage(u)) } ?? .zero
            case .text(let t): texts[name] = t
            case .flag(let f): flags[name] = f
            }
        }
        for spec in rule.parameters {
            if let d = spec.defaultValue { assign(spec.name, d) }
        }
        // In name order: simulate numbers its uncertain inputs in the order they are met.
        for (name, param) in resource.params.sorted(by: { $0.key < $1.key }) { assign(name, param.value) }
        return RuleInput(
            numbers: numbers, texts: texts, flags: flags, hoursPerMonth: scenario.hoursPerMonth,
            region: texts["region"] ?? scenario.region)
    }

    mutating func price(_ key: String, _ region: String) throws -> ResolvedPrice? {
        let id = region + "\u{0}" + key
        if let cached = cache[id] { return cached }
        let p = try resolver.resolve(key: key, region: region)
        cache[id] = p
        return p
    }

    /// A component with nothing at the expected and the high usage is no line (the low end of a
    /// range is never above them).
    static func pricesNothing(_ expected: Quantity, high: Quantity) -> Bool { expected == .zero && high == .zero }

    /// Cost of `quantity` under tiered prices, rounded once to the cent.
    static func cost(_ quantity: Quantity, _ tiers: [PriceTier]) -> Money {
        if quantity.isOverflow { return .overflow }
        return Money.rounded(exactCost(quantity, tiers), scale: 16, toCents: true)
    }

    /// Cost of `quantity` under tiered prices, unrounded, in 10^-16 dollars (quantities up to
    /// ``Quantity/largest`` and prices up to Int64 of 10^-10: about 2^126 at most, no overflow).
    static func exactCost(_ quantity: Quantity, _ tiers: [PriceTier]) -> Int128 {
        var total: Int128 = 0
        for tier in tiers where quantity > tier.start {
            let upper = tier.end.map { Quantity.min($0, quantity) } ?? quantity
            guard upper > tier.start else { continue }
            total += Int128((upper - tier.start).millionths) * Int128(tier.price.scaled)
        }
        return total
    }

    /// The price of the highest tier the quantity reaches.
    static func marginal(_ quantity: Quantity, _ tiers: [PriceTier]) -> FixedDecimal {
        var price = tiers.first?.price ?? .zero
        for tier in tiers where quantity > tier.start { price = tier.price }
        return price
    }

    mutating func price(_ phase: ResolvedPhase, _ scenario: Scenario) throws -> PhaseCost {
        var lines: [CostLine] = []
        for (resource, perTenant) in phase.resources.map({ ($0, false) }) + phase.perTenant.map({ ($0, true) }) {
            let key = EvaluationKey(resource, phase, scenario, perTenant: perTenant)
            if let cached = linesCache[key] {
                lines += cached
                continue
            }
            let priced = try price(resource, perTenant: perTenant, phase, scenario, evaluated: inputs[key])
            linesCache[key] = priced
            lines += priced
        }
        if scenario.freeTier == .alwaysFree { lines += try freeTierCredits(lines, region: scenario.region) }
        return PhaseCost(
            id: phase.id, name: phase.name, description: phase.description, extends: phase.extends,
            lines: lines, tenants: phase.perTenant.isEmpty ? nil : phase.tenants.expected)
    }

    /// The lines of one resource in one phase, priced at the low, expected and high values.
    mutating func price(
        _ resource: ResourceSpec, perTenant: Bool, _ phase: ResolvedPhase, _ scenario: Scenario, evaluated: [RuleInput]?
    ) throws -> [CostLine] {
        var lines: [CostLine] = []
        guard let rule = ServiceRules.rule(resource.type) else { return [] }
        var perPoint: [Estimate.Point: [PriceComponent]] = [:]
        var inputs: [Estimate.Point: RuleInput] = [:]
        for (i, point) in Estimate.Point.allCases.enumerated() {
            let input = evaluated?[i] ?? evaluate(resource, rule, phase, scenario, point)
            inputs[point] = input
            var comps = rule.components(input)
            if perTenant {
                let n = phase.tenants.at(point)
                comps = comps.map {
                    var c = $0
                    c.quantity = c.quantity * n
                    return c
                }
            }
            perPoint[point] = comps
        }
        let expected = perPoint[.expected]!
        let region = inputs[.expected]!.region
        for (i, component) in expected.enumerated() {
            let low = perPoint[.low]![i].quantity
            let high = perPoint[.high]![i].quantity
            let tenants = perTenant ? phase.tenants.expected : nil
            guard case .key(let key) = component.price else {
                let source = inputs[.expected]!.text("source")
                let service = inputs[.expected]!.text("service")
                let provider =
                    inputs[.expected]!.texts["provider"] ?? (AWSServiceNames.costExplorer[service] != nil ? "AWS" : service)
                // `check` refused monthly amounts above Money.largest (9 × 10^14 micros), so the
                // unit price below (× 10^4) fits in Int64.
                func dollars(_ q: Quantity) -> Money { Money(micros: q.millionths).roundedToCents }
                lines.append(
                    CostLine(
                        resource: resource.id, type: rule.type, service: service,
                        component: component.name, quantity: tenants ?? Quantity(1), unit: "month",
                        unitPrice: FixedDecimal(scaled: inputs[.expected]!.number("monthly").millionths * 10_000),
                        tiered: false, monthlyCost: dollars(component.quantity), low: dollars(low),
                        high: dollars(high), priceKey: PriceOrigin.fixed.rawValue, priceSource: source,
                        priceOrigin: .fixed, priceQuality: .estimate, priceEffectiveDate: "", region: region,
                        tenants: tenants,
                        provider: provider))
                continue
            }
            if Engine.pricesNothing(component.quantity, high: high) { continue }
            guard let p = try price(key, region) else {
                let missing = resolver.missingPrice(key: key, region: region)
                throw UserError([resource.location.diagnostic(missing.message, hint: missing.hint)])
            }
            var line = CostLine(
                resource: resource.id, type: rule.type, service: p.service, component: component.name,
                quantity: component.quantity, unit: p.unit, unitPrice: Engine.marginal(component.quantity, p.tiers),
                tiered: p.tiers.count > 1, monthlyCost: Engine.cost(component.quantity, p.tiers),
                low: Engine.cost(low, p.tiers), high: Engine.cost(high, p.tiers), priceKey: key,
                priceSource: p.source, priceOrigin: p.priceOrigin, priceQuality: p.quality,
                priceEffectiveDate: p.effectiveDate, region: region, tenants: tenants,
                upfront: component.prepaidMonths.map { Engine.cost(component.quantity * Quantity($0), p.tiers) })
            line.lowQuantity = low
            line.highQuantity = high
            lines.append(line)
        }

        return lines
    }
}
