import CostModel
import Yams

/// `budgets:` with AWS Budgets semantics: amounts, scopes (service, phase, tags, tenant) and
/// notifications.
extension ScenarioLoader {
    static let budgetKeys = ["name", "period", "amount", "planned", "scope", "notifications"]
    static let scopeKeys = ["service", "phase", "tags", "tenant"]
    static let notificationKeys = ["type", "comparison", "threshold", "threshold_type", "subscribers"]

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
                    let guess = Spelling.didYouMean(id, in: phases)
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
                    let guess = Spelling.didYouMean(id, in: phases)
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
        let guess = Spelling.didYouMean(key, in: keys)
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
}
