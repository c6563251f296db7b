import CostModel
import Yams

/// The scenario grammar: top-level keys, usage inputs, phases, resources and triggers.
extension ScenarioLoader {
    // MARK: - the scenario

    mutating func scenario(_ root: Node) -> Scenario? {
        guard let pairs = mapping(root, "the scenario") else { return nil }
        let top = checkKeys(pairs, allowed: ScenarioLoader.topKeys, in: "the scenario")
        func required(_ key: String) -> Node? {
            if top[key] == nil {
                diagnostics.append(
                    Diagnostic(
                        path: path, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1,
                        message: "missing required key '\(key)'"))
            }
            return top[key]
        }
        let name = required("name").flatMap { string($0, "name") } ?? ""
        let description = top["description"].flatMap { string($0, "description") } ?? ""
        let provider = top["provider"].flatMap { string($0, "provider") } ?? "aws"
        if provider != "aws", let node = top["provider"] {
            error(node, "provider '\(provider)' is not supported", hint: "orcha-cost prices AWS: provider: aws")
        }
        var region = required("region").flatMap { identifier($0, "region") } ?? ""
        if !region.isEmpty, let problem = AWSServiceNames.regionProblem(region), let node = top["region"] {
            error(node, "region " + problem, hint: AWSServiceNames.regionHint)
            region = ""
        }
        let currency = top["currency"].flatMap { string($0, "currency") } ?? "USD"
        if currency != "USD", let node = top["currency"] {
            error(node, "currency '\(currency)' is not supported: AWS list prices are in USD", hint: "currency: USD")
        }
        var hours = Quantity(730)
        if let node = top["hours_per_month"], let e = estimate(node, "hours_per_month") {
            if e.isRange || e.low == .zero || e.low > Quantity(744) {
                error(node, "hours_per_month must be one number between 1 and 744 (730 is AWS's average month)")
            } else {
                hours = e.low
            }
        }
        var tags: [(String, String)] = []
        if let node = top["tags"], let pairs = mapping(node, "tags") {
            for (k, v) in pairs {
                if let key = string(k, "a tag key"), let value = string(v, "tag '\(key)'") { tags.append((key, value)) }
            }
        }
        var usage: [UsageInput] = []
        if let node = top["usage"], let pairs = mapping(node, "usage") {
            for (k, v) in pairs {
                guard let inputName = identifier(k, "usage input name") else { continue }
                guard let fields = mapping(v, "usage input '\(inputName)'") else { continue }
                let f = checkKeys(fields, allowed: ScenarioLoader.usageKeys, in: "usage input '\(inputName)'")
                guard let valueNode = f["value"] else {
                    error(v, "usage input '\(inputName)' needs a value (a number or a range low..high)")
                    continue
                }
                guard let unitNode = f["unit"] else {
                    error(v, "usage input '\(inputName)' needs a unit", hint: "units: " + Units.all.joined(separator: ", "))
                    continue
                }
                guard let value = estimate(valueNode, "usage input '\(inputName)'"), let unit = string(unitNode, "unit") else {
                    continue
                }
                if !Units.all.contains(unit) {
                    let guess = Spelling.didYouMean(unit, in: Units.all)
                    error(unitNode, "unknown unit '\(unit)'.\(guess)", hint: "units: " + Units.all.joined(separator: ", "))
                    continue
                }
                let desc = f["description"].flatMap { string($0, "description") } ?? ""
                let distribution = self.distribution(f, value: value, input: inputName, at: v)
                usage.append(
                    UsageInput(
                        name: inputName, unit: unit, value: value, description: desc, location: location(k),
                        distribution: distribution ?? .uniform))
            }
        }
        var phases: [PhaseSpec] = []
        if let node = required("phases"), let items = sequence(node, "phases") {
            if items.isEmpty { error(node, "phases is empty: a scenario needs at least one phase") }
            var seen: [String: InputLocation] = [:]
            for item in items {
                guard let phase = self.phase(item, earlier: seen) else { continue }
                if let first = seen[phase.id] {
                    diagnostics.append(
                        phase.location.diagnostic("duplicate phase id '\(phase.id)' (first at line \(first.line))"))
                    continue
                }
                seen[phase.id] = phase.location
                phases.append(phase)
            }
        }
        var budgets: [Budget] = []
        if let node = top["budgets"], let items = sequence(node, "budgets") {
            let phaseIDs = Set(phases.map(\.id))
            // Tenants are named tenant-1 ... tenant-N, N the most tenants any phase has.
            let tenants =
                phases.compactMap { p -> Int? in
                    guard let e = p.tenants?.value.expected, e.millionths % Quantity.one == 0 else { return nil }
                    return Int(e.millionths / Quantity.one)
                }.max() ?? 0
            // Services a line can carry besides AWS's: what the fixed costs file themselves under.
            var fixed = Set<String>()
            for p in phases {
                for r in p.resources + p.add + p.perTenant where r.type == "fixed" {
                    if case .text(let s)? = r.params["service"]?.value { fixed.insert(s) } else { fixed.insert("Fixed") }
                }
                for c in p.change { if case .text(let s)? = c.params["service"]?.value { fixed.insert(s) } }
            }
            var names = Set<String>()
            for item in items {
                guard let b = budget(item, phases: phaseIDs, tags: tags, tenants: tenants, fixedServices: fixed) else {
                    continue
                }
                if !names.insert(b.name).inserted {
                    diagnostics.append(b.location.diagnostic("duplicate budget name '\(b.name)'"))
                    continue
                }
                budgets.append(b)
            }
        }
        var scenario = Scenario(
            path: path, name: name, description: description, provider: provider, region: region,
            currency: currency, hoursPerMonth: hours, tags: tags, usage: usage, phases: phases, budgets: budgets)
        if let node = top["free_tier"], let mode = choice(node, "free_tier", FreeTierMode.self) {
            scenario.freeTier = mode
        }
        return scenario
    }

    /// One of `choices`, with a did-you-mean.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = T(rawValue: text) { return value }
        let all = T.allCases.map(\.rawValue)
        let guess = Spelling.didYouMean(text, in: all)
        error(node, "\(what) '\(text)' is not one of \(all.joined(separator: ", ")).\(guess)")
        return nil
    }

    /// `distribution: uniform | triangular (mode: M) | lognormal (p50: A, p90: B)`.
    mutating func distribution(_ f: [String: Node], value: Estimate, input: String, at node: Node) -> Distribution? {
        let kind = f["distribution"].flatMap { string($0, "distribution") } ?? "uniform"
        func number(_ key: String) -> Quantity? {
            guard let n = f[key], let e = estimate(n, "\(key) of '\(input)'") else { return nil }
            if e.isRange { error(n, "\(key) of '\(input)' must be one number") }
            if e.low < value.low || e.low > value.high {
                error(n, "\(key) of '\(input)' (\(e.low)) is outside its value \(value)")
            }
            return e.low
        }
        for key in ["mode", "p50", "p90"] where f[key] != nil {
            let allowed = kind == "triangular" ? ["mode"] : kind == "lognormal" ? ["p50", "p90"] : []
            if !allowed.contains(key) { error(f[key]!, "'\(key)' does not go with distribution \(kind)") }
        }
        switch kind {
        case "uniform": return .uniform
        case "triangular": return .triangular(mode: number("mode") ?? value.expected)
        case "lognormal":
            guard f["p50"] != nil, f["p90"] != nil else {
                error(node, "a lognormal usage input needs p50 and p90", hint: "e.g. p50: 200, p90: 800 within its value range")
                return nil
            }
            guard let p50 = number("p50"), let p90 = number("p90") else { return nil }
            if !(p50 > .zero && p50 < p90) { error(f["p90"]!, "lognormal needs 0 < p50 < p90") }
            return .lognormal(p50: p50, p90: p90)
        default:
            error(f["distribution"]!, "unknown distribution '\(kind)'", hint: "uniform, triangular or lognormal")
            return nil
        }
    }

    mutating func phase(_ node: Node, earlier: [String: InputLocation]) -> PhaseSpec? {
        guard let pairs = mapping(node, "a phase") else { return nil }
        let f = checkKeys(pairs, allowed: ScenarioLoader.phaseKeys, in: "a phase")
        guard let idNode = f["id"] else {
            error(node, "a phase needs an id", hint: "e.g. id: mvp")
            return nil
        }
        guard let id = identifier(idNode, "phase id") else { return nil }
        let name = f["name"].flatMap { string($0, "name") } ?? id
        let description = f["description"].flatMap { string($0, "description") } ?? ""
        var extends: String?
        var extendsLocation: InputLocation?
        if let e = f["extends"], let parent = string(e, "extends") {
            extendsLocation = location(e)
            if earlier[parent] == nil {
                if parent == id {
                    error(e, "phase '\(id)' extends itself")
                } else {
                    let guess =
                        Spelling.didYouMean(parent, in: earlier.keys, abbreviated: true)
                    error(
                        e, "phase '\(id)' extends '\(parent)', which is not an earlier phase.\(guess)",
                        hint: "a phase can only extend one listed before it (this also rules out cycles)")
                }
            } else {
                extends = parent
            }
        }
        let isRoot = f["extends"] == nil
        if isRoot {
            for key in ["add", "remove", "change"] where f[key] != nil {
                error(f[key]!, "'\(key)' only makes sense in a phase that extends another; list the resources under 'resources'")
            }
        } else if let r = f["resources"] {
            error(r, "a phase that extends another lists its changes under add, remove and change, not resources")
        }
        let resources = f["resources"].map { resourceList($0, "resources") } ?? []
        let add = f["add"].map { resourceList($0, "add") } ?? []
        var remove: [(id: String, location: InputLocation)] = []
        if let r = f["remove"], let items = sequence(r, "remove") {
            for item in items { if let rid = identifier(item, "resource id") { remove.append((rid, location(item))) } }
        }
        var change: [ResourceChange] = []
        if let c = f["change"], let items = sequence(c, "change") {
            for item in items {
                guard let pairs = mapping(item, "a change") else { continue }
                var rid: String?
                var params: [String: Param] = [:]
                for (k, v) in pairs {
                    guard let key = string(k, "a key") else { continue }
                    if key == "id" {
                        rid = identifier(v, "resource id")
                        continue
                    }
                    if key == "type" {
                        error(k, "a change cannot change the type of a resource", hint: "remove it and add a new one")
                        continue
                    }
                    if let p = param(v, key) { params[key] = p }
                }
                guard let rid else {
                    error(item, "a change needs the id of the resource it changes")
                    continue
                }
                if params.isEmpty { error(item, "change of '\(rid)' changes nothing") }
                change.append(ResourceChange(id: rid, params: params, location: location(item)))
            }
        }
        var usage: [String: (value: Estimate, location: InputLocation)] = [:]
        if let u = f["usage"], let pairs = mapping(u, "phase usage") {
            for (k, v) in pairs {
                if let key = identifier(k, "usage input name"), let e = estimate(v, "usage '\(key)'") {
                    usage[key] = (e, location(k))
                }
            }
        }
        var tenants: (value: Estimate, location: InputLocation)?
        if let t = f["tenants"], let e = estimate(t, "tenants") { tenants = (e, location(t)) }
        let perTenant = f["per_tenant"].map { resourceList($0, "per_tenant") } ?? []
        var spec = PhaseSpec(
            id: id, name: name, description: description, extends: extends, extendsLocation: extendsLocation,
            resources: resources, add: add, remove: remove, change: change, usage: usage, tenants: tenants,
            perTenant: perTenant, location: location(node))
        spec.triggers = f["triggers"].flatMap { triggers($0) }
        if let node = f["starts"] {
            spec.starts = starts(node, earlier: earlier)
            if spec.starts?.triggered == true, spec.triggers == nil {
                error(
                    node, "phase '\(id)' starts when triggered, but lists no triggers",
                    hint: "add triggers: {when: [...]} to the phase, or give the month it starts")
            }
        }
        return spec
    }

    /// `triggers: {require: all | N, when: [indicator, ...]}`
    mutating func triggers(_ node: Node) -> PhaseTriggers? {
        guard let pairs = mapping(node, "triggers") else { return nil }
        let f = checkKeys(pairs, allowed: ["require", "when"], in: "triggers")
        guard let whenNode = f["when"] else {
            error(node, "triggers need a 'when' list of indicators", hint: "e.g. when: [\"latest(paying_customers) >= 5\"]")
            return nil
        }
        var indicators: [Indicator] = []
        let items = sequence(whenNode, "when")
        for item in items ?? [] {
            guard let text = string(item, "an indicator") else { continue }
            switch Indicator.parse(text, location: location(item)) {
            case .success(let i): indicators.append(i)
            case .failure(let e):
                error(
                    item, "indicator '\(text)': \(e.message)",
                    hint: "forms: FUNCTION(metric [over 14d]) >= X, or metric > X sustained 3 of 5 periods of 1h")
            }
        }
        if items?.isEmpty == true { error(whenNode, "'when' lists no indicators") }
        var require: Int?
        if let r = f["require"], let text = string(r, "require"), text != "all" {
            if let n = Int(text), n >= 1, n <= max(1, indicators.count) {
                require = n
            } else {
                error(r, "require must be 'all' or a number from 1 to \(indicators.count) (the indicators listed)")
            }
        }
        return PhaseTriggers(indicators: indicators, require: require, location: location(node))
    }

    mutating func resourceList(_ node: Node, _ what: String) -> [ResourceSpec] {
        guard let items = sequence(node, what) else { return [] }
        var out: [ResourceSpec] = []
        for item in items {
            guard let pairs = mapping(item, "a resource") else { continue }
            var id: String?
            var type: String?
            var typeLocation = location(item)
            var params: [String: Param] = [:]
            for (k, v) in pairs {
                guard let key = string(k, "a key") else { continue }
                switch key {
                case "id": id = identifier(v, "resource id")
                case "type":
                    type = string(v, "type")
                    typeLocation = location(v)
                default:
                    if let p = param(v, key) { params[key] = p }
                }
            }
            guard let id else {
                error(item, "a resource needs an id", hint: "e.g. id: app")
                continue
            }
            guard let type else {
                error(item, "resource '\(id)' needs a type", hint: "e.g. type: ec2_instance")
                continue
            }
            out.append(ResourceSpec(id: id, type: type, params: params, location: location(item), typeLocation: typeLocation))
        }
        return out
    }

    /// A parameter value: true/false, `$usage_input`, a number or range, or text.
    mutating func param(_ node: Node, _ key: String) -> Param? {
        if rejectAnchor(node) { return nil }
        guard case .scalar(let s) = node else {
            error(node, "parameter '\(key)' must be a single value, not \(kind(node))")
            return nil
        }
        let text = s.string
        let loc = location(node)
        if s.style == .plain && (text == "true" || text == "false") { return Param(.flag(text == "true"), at: loc) }
        if text.hasPrefix("$") {
            let name = String(text.dropFirst())
            if name.isEmpty {
                error(node, "'$' must be followed by a usage input name")
                return nil
            }
            return Param(.usage(name), at: loc)
        }
        if case .success(let e) = Estimate.parse(text) {
            if e.low > e.high {
                error(node, "parameter '\(key)': range '\(text)' has its low end above its high end")
                return nil
            }
            return Param(.number(e), at: loc)
        }
        return Param(.text(text), at: loc)
    }
}
