import CostModel
import Foundation
import Yams

/// Reads a scenario YAML file into a ``Scenario``, collecting every structural problem of the
/// file (unknown keys, wrong types, bad numbers, duplicate ids, bad `extends`) as
/// `path:line:col` diagnostics before giving up, as a compiler does.
public struct ScenarioLoader {
    public static let topKeys = [
        "name", "description", "provider", "region", "currency", "hours_per_month", "free_tier", "tags", "usage", "phases",
        "budgets",
    ]
    public static let phaseKeys = [
        "id", "name", "description", "extends", "resources", "add", "remove", "change", "usage", "tenants", "per_tenant",
        "triggers", "starts",
    ]
    public static let usageKeys = ["value", "unit", "description", "distribution", "mode", "p50", "p90"]

    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    /// Loads and validates the structure of a scenario file.
    public static func load(path: String) throws -> Scenario {
        let (scenario, diagnostics) = try loadPartial(path: path)
        if !diagnostics.isEmpty { throw UserError(diagnostics) }
        return scenario!
    }

    /// Like ``load(path:)``, but returns what could be read together with the problems found,
    /// so later checks can report theirs in the same run. Throws only when nothing can be read.
    public static func loadPartial(path: String) throws -> (Scenario?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                throw UserError(
                    path: path, isDir.boolValue ? "is a directory, not a scenario file" : "cannot read the file",
                    status: .noInput)
            }
            throw UserError(
                path: path, "no such scenario file", hint: "the shipped scenarios are in scenarios/", status: .noInput)
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw UserError(path: path, line: 1, "the file is not valid UTF-8 text", hint: "save it as UTF-8")
        }
        return try parsePartial(text, path: path)
    }

    /// Parses scenario text (for tests and for files already read).
    public static func parse(_ text: String, path: String) throws -> Scenario {
        let (scenario, diagnostics) = try parsePartial(text, path: path)
        if !diagnostics.isEmpty { throw UserError(diagnostics) }
        return scenario!
    }

    public static func parsePartial(_ text: String, path: String) throws -> (Scenario?, [Diagnostic]) {
        var loader = ScenarioLoader(path: path)
        if text.utf8.contains(0) {
            throw UserError(path: path, line: 1, "the file contains NUL bytes: it is binary data, not YAML")
        }
        let node: Node?
        let parser: Parser
        do {
            // The parser owns the anchors (nodes hold them weakly): keep it alive while walking
            // the tree so that anchored and aliased nodes can be recognised and rejected.
            // Scalars are typed by us, not by regexes; the encoding is given, not read from the
            // environment.
            parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            node = try parser.singleRoot()
        } catch let error as YamlError {
            var d = loader.diagnostic(for: error)
            // libyaml says "cannot start any token" for a tab in the indentation: say so.
            if let line = d.line, line >= 1 {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                if line <= lines.count, lines[line - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                    d.message = "a tab character in the indentation: YAML indents with spaces only"
                    d.hint = "replace the tabs at the start of line \(line) with spaces"
                }
            }
            throw UserError([d])
        } catch {
            throw UserError(path: path, line: 1, "cannot read YAML: \(error)")
        }
        guard let root = node else {
            throw UserError(
                path: path, line: 1, "empty scenario file",
                hint: "a scenario needs at least name, region and phases; see README, 'Scenario format'")
        }
        let scenario = withExtendedLifetime(parser) { loader.scenario(root) }
        return (scenario, loader.diagnostics)
    }

    // MARK: - diagnostics

    func location(_ node: Node) -> InputLocation {
        InputLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func error(_ node: Node, _ message: String, hint: String? = nil) {
        diagnostics.append(location(node).diagnostic(message, hint: hint))
    }

    func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            var hint = "check indentation and quoting around this position"
            if problem.contains("tab") { hint = "indent with spaces; YAML does not allow tabs for indentation" }
            return Diagnostic(path: path, line: mark.line, column: mark.column, message: message, hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                path: path, line: context.mark.line, column: context.mark.column,
                message:
                    "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                hint: "each key may appear once; the second one would silently replace the first")
        case .reader(let problem, _, _, _):
            return Diagnostic(
                path: path, line: 1, column: 1, message: "cannot read YAML: \(problem)", hint: "save the file as UTF-8")
        default:
            return Diagnostic(path: path, line: 1, column: 1, message: "cannot read YAML: \(error)")
        }
    }

    // MARK: - node helpers

    /// The pairs of a mapping node (or nil, with an error, when it is not one); rejects
    /// anchors and aliases everywhere (they make a file's meaning depend on far-away text and
    /// allow "billion laughs" expansion).
    mutating func mapping(_ node: Node, _ what: String) -> [(key: Node, value: Node)]? {
        if rejectAnchor(node) { return nil }
        guard case .mapping(let m) = node else {
            error(node, "\(what) must be a mapping (key: value lines), not \(kind(node))")
            return nil
        }
        return m.map { ($0.key, $0.value) }
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        if rejectAnchor(node) { return nil }
        guard case .sequence(let s) = node else {
            error(node, "\(what) must be a list ('- item' lines), not \(kind(node))")
            return nil
        }
        return Array(s)
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        if rejectAnchor(node) { return nil }
        guard case .scalar(let s) = node else {
            error(node, "\(what) must be a single value, not \(kind(node))")
            return nil
        }
        return s.string
    }

    /// The tags a scenario may carry (written or implied by quotes): YAML's core scalar types
    /// and collections. Others (`!!binary`, `!!timestamp`, `!custom`) would change what a value
    /// means while we read it as text, so they are errors.
    static let allowedTags: Set<String> = Set(
        ["str", "int", "float", "bool", "null", "map", "seq"].map { "tag:yaml.org,2002:" + $0 } + ["", "!"])

    /// Rejects anchors and aliases, and explicit tags other than the core ones.
    mutating func rejectAnchor(_ node: Node) -> Bool {
        let tag: String
        switch node {
        case .scalar(let s): tag = s.tag.rawValue
        case .mapping(let m): tag = m.tag.rawValue
        case .sequence(let q): tag = q.tag.rawValue
        case .alias: tag = ""
        }
        if !ScenarioLoader.allowedTags.contains(tag) {
            let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
            error(
                node, "the YAML tag '\(shown)' is not supported in scenarios",
                hint: "write the value without a tag; only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted")
            return true
        }
        if node.anchor != nil {
            error(
                node, "anchors (&name) and aliases (*name) are not supported in scenarios",
                hint: "write the values out; use 'extends' to reuse a phase")
            return true
        }
        return false
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "the value '\(s.string.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Checks the keys of a mapping against the allowed ones, with a did-you-mean.
    mutating func checkKeys(_ pairs: [(key: Node, value: Node)], allowed: [String], in what: String) -> [String: Node] {
        var out: [String: Node] = [:]
        for (k, v) in pairs {
            guard let name = string(k, "a key") else { continue }
            if allowed.contains(name) {
                out[name] = v
            } else {
                let guess = Spelling.closest(to: name, in: allowed).map { " did you mean '\($0)'?" } ?? ""
                error(k, "unknown key '\(name)' in \(what).\(guess)", hint: "allowed keys: " + allowed.joined(separator: ", "))
            }
        }
        return out
    }

    static let idCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")

    mutating func identifier(_ node: Node, _ what: String) -> String? {
        guard let s = string(node, what) else { return nil }
        if s.isEmpty || !s.lowercased().allSatisfy({ ScenarioLoader.idCharacters.contains($0) }) {
            error(node, "\(what) '\(s)' must be letters, digits, '-', '_' or '.'")
            return nil
        }
        return s
    }

    mutating func estimate(_ node: Node, _ what: String) -> Estimate? {
        guard let s = string(node, what) else { return nil }
        switch Estimate.parse(s) {
        case .success(let e):
            if e.low > e.high {
                error(node, "\(what): range '\(s)' has its low end above its high end", hint: "write low..high, e.g. 50..400")
                return nil
            }
            return e
        case .failure(let f):
            error(node, "\(what): '\(s)' is not a non-negative number or range: \(f)", hint: "e.g. 730, 0.5 or 50..400")
            return nil
        }
    }

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
                    let guess = Spelling.closest(to: unit, in: Units.all).map { " did you mean '\($0)'?" } ?? ""
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

    static let budgetKeys = ["name", "period", "amount", "planned", "scope", "notifications"]
    static let scopeKeys = ["service", "phase", "tags", "tenant"]
    static let notificationKeys = ["type", "comparison", "threshold", "threshold_type", "subscribers"]

    /// One of `choices`, with a did-you-mean.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = T(rawValue: text) { return value }
        let all = T.allCases.map(\.rawValue)
        let guess = Spelling.closest(to: text, in: all).map { " did you mean '\($0)'?" } ?? ""
        error(node, "\(what) '\(text)' is not one of \(all.joined(separator: ", ")).\(guess)")
        return nil
    }

    /// A budget, with AWS Budgets semantics (see README, "Budgets").
    mutating func budget(
        _ node: Node, phases: Set<String>, tags: [(String, String)], tenants: Int, fixedServices: Set<String>
    ) -> Budget? {
        guard let pairs = mapping(node, "a budget") else { return nil }
        let f = checkKeys(pairs, allowed: ScenarioLoader.budgetKeys, in: "a budget")
        guard let nameNode = f["name"], let name = identifier(nameNode, "budget name") else {
            if f["name"] == nil { error(node, "a budget needs a name") }
            return nil
        }
        let period = f["period"].map { choice($0, "period", Budget.Period.self) } ?? .monthly
        var amount: Quantity?
        var planned: [String: Quantity] = [:]
        let months = Int128(period?.months ?? 1)
        /// The largest period limit, to bound thresholds.
        var largestLimit: Int128 = 0
        if let a = f["amount"], let e = estimate(a, "amount of budget '\(name)'") {
            if e.isRange { error(a, "a budget amount is one number (USD per period)") }
            amount = e.low
            largestLimit = Int128(e.low.millionths)
            tooLarge(largestLimit, a, "budget '\(name)': amount \(e.low)")
        }
        if let p = f["planned"], let entries = mapping(p, "planned") {
            for (k, v) in entries {
                guard let id = string(k, "a phase id"), let e = estimate(v, "planned amount for '\(id)'") else { continue }
                if !phases.contains(id) {
                    let guess = Spelling.closest(to: id, in: phases).map { " did you mean '\($0)'?" } ?? ""
                    error(k, "budget '\(name)' plans an amount for '\(id)', which is not a phase.\(guess)")
                }
                planned[id] = e.low
                let limit = Int128(e.low.millionths) * months
                largestLimit = max(largestLimit, limit)
                tooLarge(limit, v, "budget '\(name)': \(e.low) a month for '\(id)'\(months > 1 ? " × \(months) months" : "")")
            }
        }
        if (f["amount"] == nil) == (f["planned"] == nil) {
            error(node, "budget '\(name)' needs either amount (USD per period) or planned (USD per month for each phase)")
        }
        var service: String?
        var phase: String?
        var scopeTags: [Budget.Tag] = []
        var tenant: String?
        if let scope = f["scope"], let entries = mapping(scope, "scope") {
            let s = checkKeys(entries, allowed: ScenarioLoader.scopeKeys, in: "a budget scope")
            if entries.isEmpty {
                error(
                    scope, "budget '\(name)' has an empty scope",
                    hint: "give service, phase, tags or tenant, or remove 'scope' (the budget then covers everything)")
            }
            if let sv = s["service"], let v = string(sv, "service") {
                if v.isEmpty {
                    error(sv, "budget '\(name)' has an empty service scope", hint: "an AWS offer code such as AmazonRDS")
                } else {
                    service = serviceScope(v, at: sv, budget: name, fixedServices: fixedServices)
                }
            }
            if let p = s["phase"], let id = string(p, "phase") {
                if !phases.contains(id) {
                    let guess = Spelling.closest(to: id, in: phases).map { " did you mean '\($0)'?" } ?? ""
                    error(p, "budget scope phase '\(id)' is not a phase.\(guess)")
                }
                phase = id
            }
            if let t = s["tags"], let pairs = mapping(t, "the tags of a budget scope") {
                if pairs.isEmpty {
                    error(t, "budget '\(name)' has an empty tags scope", hint: "e.g. tags: {Project: orcha}, or remove 'tags'")
                }
                for (k, v) in pairs {
                    guard let key = string(k, "a tag key"), let value = string(v, "tag '\(key)'") else { continue }
                    if let tag = scopeTag(
                        key: key, value: value, keyNode: k, valueNode: v, budget: name, tags: tags, tenants: tenants)
                    {
                        scopeTags.append(tag)
                    }
                }
            }
            if let tn = s["tenant"], let v = string(tn, "tenant") {
                if v.isEmpty {
                    error(tn, "budget '\(name)' has an empty tenant scope", hint: tenantHint(tenants))
                } else if checkTenant(v, at: tn, budget: name, tenants: tenants) {
                    if let named = scopeTags.first(where: { $0.key == Budget.tenantTagKey }), named.value != v {
                        error(
                            tn,
                            "budget '\(name)' names tenant '\(v)' here and '\(named.value)' in its tags; a cost has one tenant",
                            hint: "keep one of them")
                    }
                    tenant = v
                }
            }
        }
        var notifications: [Budget.Notification] = []
        if let n = f["notifications"], let items = sequence(n, "notifications") {
            if items.count > 10 { error(n, "a budget has at most 10 notifications (AWS Budgets), not \(items.count)") }
            for item in items {
                guard let entries = mapping(item, "a notification") else { continue }
                let g = checkKeys(entries, allowed: ScenarioLoader.notificationKeys, in: "a notification")
                guard let t = g["type"], let c = g["comparison"], let th = g["threshold"] else {
                    error(item, "a notification needs type (ACTUAL or FORECASTED), comparison and threshold")
                    continue
                }
                let kind = choice(t, "type", Budget.Notification.Kind.self)
                let comparison = choice(c, "comparison", Budget.Notification.Comparison.self)
                let thresholdType =
                    g["threshold_type"].map { choice($0, "threshold_type", Budget.Notification.ThresholdType.self) }
                    ?? .percentage
                let threshold = estimate(th, "threshold")
                if let threshold, let thresholdType, largestLimit <= Int128(Money.largest.micros) {
                    let amount =
                        thresholdType == .absoluteValue
                        ? Int128(threshold.low.millionths) : largestLimit * Int128(threshold.low.millionths) / 100_000_000
                    tooLarge(amount, th, "budget '\(name)': threshold \(threshold.low)\(thresholdType == .percentage ? "%" : "")")
                }
                var subscribers: [String] = []
                if let sn = g["subscribers"], let list = sequence(sn, "subscribers") {
                    for entry in list {
                        if let address = string(entry, "a subscriber") {
                            if !address.contains("@") { error(entry, "subscriber '\(address)' is not an email address") }
                            subscribers.append(address)
                        }
                    }
                }
                if let kind, let comparison, let thresholdType, let threshold {
                    notifications.append(
                        Budget.Notification(
                            kind: kind, comparison: comparison, threshold: threshold.low, thresholdType: thresholdType,
                            subscribers: subscribers, location: location(item)))
                }
            }
        }
        guard let period else { return nil }
        return Budget(
            name: name, period: period, amount: amount, planned: planned, service: service, phase: phase, tags: scopeTags,
            tenant: tenant, notifications: notifications, location: location(node))
    }

    /// A budget's service scope as the offer code the plan's lines carry: an offer code
    /// (`AmazonRDS`), a Cost Explorer name (`Amazon Relational Database Service`, turned into its
    /// offer code) or the service a fixed cost of the scenario files itself under (`Sentry`).
    /// Anything else could never match a line: an error with a did-you-mean.
    mutating func serviceScope(_ v: String, at node: Node, budget name: String, fixedServices: Set<String>) -> String? {
        if AWSServiceNames.costExplorer[v] != nil || fixedServices.contains(v) { return v }
        if let code = AWSServiceNames.offerCodes[v] { return code }
        let codes = AWSServiceNames.costExplorer.keys.sorted()
        let candidates = codes + fixedServices.sorted()
        let guess =
            Spelling.closest(to: v, in: candidates)
            ?? codes.first { $0.lowercased().hasSuffix(v.lowercased()) || $0.lowercased().hasPrefix(v.lowercased()) }
        error(
            node,
            "budget '\(name)' is scoped to service '\(v)', which no line of a plan carries.\(guess.map { " did you mean '\($0)'?" } ?? "")",
            hint: "an AWS offer code (" + codes.joined(separator: ", ") + ") or the service of a fixed cost")
        return nil
    }

    /// An error at `node` when an amount in micro-USD is above the largest the tool plans with.
    mutating func tooLarge(_ micros: Int128, _ node: Node, _ what: String) {
        guard micros > Int128(Money.largest.micros) else { return }
        error(
            node,
            "\(what) exceeds the largest amount orcha-cost can represent (\(Money.largest.formatted()) USD a period)",
            hint:
                "orcha-cost plans up to 900000000.00 USD per line, phase month and budget period: check the digits of that number"
        )
    }

    /// One tag of a budget's `scope: {tags: ...}`: it must be able to match a line of the plan,
    /// so its key is one of the scenario's `tags:` (spelled the same: AWS tag keys are
    /// case-sensitive) with the same value, or `Tenant` naming one of the tenants.
    mutating func scopeTag(
        key: String, value: String, keyNode: Node, valueNode: Node, budget name: String, tags: [(String, String)],
        tenants: Int
    ) -> Budget.Tag? {
        let keys = tags.map(\.0) + (tenants > 0 && !tags.contains { $0.0 == Budget.tenantTagKey } ? [Budget.tenantTagKey] : [])
        let known =
            keys.isEmpty
            ? "the scenario has no tags: add them under 'tags:'" : "tags of the lines: " + keys.joined(separator: ", ")
        if key.isEmpty {
            error(keyNode, "budget '\(name)' has a scope tag with an empty key", hint: known)
            return nil
        }
        if value.isEmpty {
            error(
                valueNode, "budget '\(name)' scope tag '\(key)' has an empty value",
                hint: "AWS Budgets match a tag by its value: give one, e.g. \(key): \(tags.first { $0.0 == key }?.1 ?? "VALUE")")
            return nil
        }
        if let (k, v) = tags.first(where: { $0.0 == key }) {
            if v == value { return Budget.Tag(k, v) }
            error(
                valueNode,
                "budget '\(name)' scope tag \(key)=\(value) can never match: the scenario tags every line \(key)=\(v). did you mean '\(v)'?",
                hint: "the plan's lines carry the scenario's tags: " + tags.map { "\($0.0)=\($0.1)" }.joined(separator: ", "))
            return nil
        }
        if key == Budget.tenantTagKey {
            return checkTenant(value, at: valueNode, budget: name, tenants: tenants) ? Budget.Tag(key, value) : nil
        }
        if key.hasPrefix("user:") || key.hasPrefix("aws:") {
            let bare = String(key.drop { $0 != ":" }.dropFirst())
            error(
                keyNode,
                "budget '\(name)' scope tag '\(key)': write the key as the resources carry it, without '\(key.prefix { $0 != ":" }):'",
                hint: "e.g. \(bare): \(value) (the export adds user: for AWS Budgets)")
            return nil
        }
        if let spelled = keys.first(where: { $0.lowercased() == key.lowercased() }) {
            error(
                keyNode,
                "budget '\(name)' scope tag '\(key)' is spelled '\(spelled)' on the lines: AWS tag keys are case-sensitive. did you mean '\(spelled)'?",
                hint: known)
            return nil
        }
        let guess = Spelling.closest(to: key, in: keys).map { " did you mean '\($0)'?" } ?? ""
        error(
            keyNode,
            "budget '\(name)' scope tag '\(key)' is not one of the scenario's tags, so it can never match a line of the plan.\(guess)",
            hint: known + (keys.contains(key) ? "" : "; to budget on '\(key)', add it to the scenario's tags:"))
        return nil
    }

    /// Whether `value` names a tenant of the scenario (`tenant-1` ... `tenant-N`); an error if not.
    mutating func checkTenant(_ value: String, at node: Node, budget name: String, tenants: Int) -> Bool {
        if tenants == 0 {
            error(
                node, "budget '\(name)' is scoped to tenant '\(value)', but no phase has per-tenant resources",
                hint: "tenants come from a phase with tenants: N and per_tenant: resources")
            return false
        }
        if (1...tenants).contains(where: { "tenant-\($0)" == value }) { return true }
        let all = (1...tenants).map { "tenant-\($0)" }
        var guess = Spelling.closest(to: value, in: all)
        if value.hasPrefix("tenant-"), let n = Int(value.dropFirst("tenant-".count)), n > tenants {
            guess = "tenant-\(tenants)"
        }
        let most = "no phase has more than \(tenants) tenant\(tenants == 1 ? "" : "s")"
        error(
            node,
            "budget '\(name)' is scoped to tenant '\(value)', which is not a tenant of the scenario (\(most)).\(guess.map { " did you mean '\($0)'?" } ?? "")",
            hint: tenantHint(tenants))
        return false
    }

    func tenantHint(_ tenants: Int) -> String {
        tenants == 0
            ? "tenants come from a phase with tenants: N and per_tenant: resources"
            : "tenants are named tenant-1 to tenant-\(tenants), as in the finance file's split of the per-tenant lines"
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
                        Spelling.closestOrAbbreviated(to: parent, in: earlier.keys).map { " did you mean '\($0)'?" } ?? ""
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

    /// `starts: 2027-03` (a calendar month), `starts: +6` (months after the phase it extends
    /// starts; for a phase that extends none, after the timeline's first month), `starts: +9
    /// after v1.0` (after an earlier phase), or `starts: {when: triggered, assume: +6}` (starts
    /// when its triggers are due; planned at the assumed month).
    mutating func starts(_ node: Node, earlier: [String: InputLocation]) -> PhaseStart? {
        let forms =
            "a month (2027-03), months after the phase it extends (+6) or after an earlier phase (+9 after v1.0), or {when: triggered, assume: +6}"
        if case .mapping = node {
            guard let pairs = mapping(node, "starts") else { return nil }
            let f = checkKeys(pairs, allowed: ["when", "assume"], in: "starts")
            guard let whenNode = f["when"], let assumeNode = f["assume"] else {
                error(
                    node, "starts as a mapping needs both 'when: triggered' and 'assume' (the month assumed for planning)",
                    hint: forms)
                return nil
            }
            if let w = string(whenNode, "when"), w != "triggered" {
                error(whenNode, "'when' can only be 'triggered' (the phase starts when its triggers are due)", hint: forms)
                return nil
            }
            guard let assumed = startMonth(assumeNode, forms: forms, earlier: earlier) else { return nil }
            return PhaseStart(assumed, triggered: true, location: location(node))
        }
        guard let when = startMonth(node, forms: forms, earlier: earlier) else { return nil }
        return PhaseStart(when, location: location(node))
    }

    mutating func startMonth(_ node: Node, forms: String, earlier: [String: InputLocation]) -> PhaseStart.When? {
        guard let text = string(node, "starts") else { return nil }
        if let month = YearMonth(parsing: text) {
            guard YearMonth.plausibleYears.contains(month.year) else {
                let years = YearMonth.plausibleYears
                error(
                    node, "starts: '\(text)' is outside the years orcha-cost plans (\(years.lowerBound) to \(years.upperBound))",
                    hint: "check the year; a month is written YYYY-MM, e.g. 2027-03")
                return nil
            }
            return .month(month)
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        let offset = words.first.flatMap { w -> Int? in
            guard w.hasPrefix("+"), w.count > 1, w.dropFirst().allSatisfy(\.isASCII), w.dropFirst().allSatisfy(\.isNumber) else {
                return nil
            }
            return Int(w.dropFirst()).flatMap { $0 <= 1200 ? $0 : nil }
        }
        guard let offset, words.count == 1 || (words.count == 3 && words[1] == "after") else {
            error(node, "starts: '\(text)' is not a month", hint: forms)
            return nil
        }
        guard words.count == 3 else { return .after(offset, phase: nil) }
        let reference = String(words[2])
        guard earlier[reference] != nil else {
            let guess =
                Spelling.closestOrAbbreviated(to: reference, in: earlier.keys).map { " did you mean '\($0)'?" } ?? ""
            error(
                node, "starts: '\(reference)' is not an earlier phase.\(guess)",
                hint: "a phase can start after one listed before it")
            return nil
        }
        return .after(offset, phase: reference)
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

/// Units a usage input or parameter can be in.
public enum Units {
    public static let all = [
        "count", "hour", "GB", "GB-month", "request", "message", "LCU", "ACU", "vCPU", "GB-memory", "MAU", "user",
        "minute", "TB", "DPU-hour", "IO", "fraction", "USD", "hours-per-day", "IOPS", "MiB/s", "MB", "ms", "MBps",
    ]
}
