import CostModel

/// Applies each phase's `extends` chain: the parent's resources, minus `remove`, with `change`
/// applied, plus `add`; usage values and tenants inherited unless the phase sets them.
public enum PhaseResolver {
    public static func resolve(_ scenario: Scenario) throws -> [ResolvedPhase] {
        let (phases, diagnostics) = resolvePartial(scenario)
        if !diagnostics.isEmpty { throw UserError(diagnostics) }
        return phases
    }

    /// The phases that could be resolved, and the problems found.
    public static func resolvePartial(_ scenario: Scenario) -> ([ResolvedPhase], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var resolved: [String: ResolvedPhase] = [:]
        var out: [ResolvedPhase] = []
        let inputs = Set(scenario.usage.map(\.name))
        let defaults = Dictionary(uniqueKeysWithValues: scenario.usage.map { ($0.name, $0.value) })

        for phase in scenario.phases {
            var resources: [ResourceSpec] = []
            var perTenant: [ResourceSpec] = []
            var tenants = Estimate(.zero)
            var usage = defaults
            var tenantsSet = false
            var tenantsLocation: InputLocation?
            if let parentID = phase.extends, let parent = resolved[parentID] {
                resources = parent.resources
                perTenant = parent.perTenant
                tenants = parent.tenants
                tenantsLocation = parent.tenantsLocation
                tenantsSet = !parent.perTenant.isEmpty
                usage = parent.usage
            }
            func allIDs() -> [String] { (resources + perTenant).map(\.id) }

            for (id, loc) in phase.remove {
                let before = resources.count + perTenant.count
                resources.removeAll { $0.id == id }
                perTenant.removeAll { $0.id == id }
                if resources.count + perTenant.count == before {
                    let guess = Spelling.didYouMean(id, in: allIDs())
                    diagnostics.append(
                        loc.diagnostic("cannot remove '\(id)': phase '\(phase.extends ?? "")' has no such resource.\(guess)"))
                }
            }
            for change in phase.change {
                if let i = resources.firstIndex(where: { $0.id == change.id }) {
                    resources[i].params.merge(change.params) { _, new in new }
                } else if let i = perTenant.firstIndex(where: { $0.id == change.id }) {
                    perTenant[i].params.merge(change.params) { _, new in new }
                } else {
                    let guess = Spelling.didYouMean(change.id, in: allIDs())
                    diagnostics.append(
                        change.location.diagnostic(
                            "cannot change '\(change.id)': phase '\(phase.extends ?? "")' has no such resource.\(guess)",
                            hint: "to add a new resource, list it under 'add'"))
                }
            }
            for (list, target) in [(phase.resources + phase.add, 0), (phase.perTenant, 1)] {
                for r in list {
                    if let clash = (resources + perTenant).first(where: { $0.id == r.id }) {
                        diagnostics.append(
                            r.location.diagnostic(
                                "duplicate resource id '\(r.id)' (also at line \(clash.location.line))",
                                hint: phase.extends == nil
                                    ? "give each resource its own id" : "to modify an inherited resource use 'change'"))
                        continue
                    }
                    if target == 0 { resources.append(r) } else { perTenant.append(r) }
                }
            }
            for (name, entry) in phase.usage.sorted(by: { $0.key < $1.key }) {
                if inputs.contains(name) {
                    usage[name] = entry.value
                } else {
                    let guess = Spelling.didYouMean(name, in: inputs)
                    diagnostics.append(
                        entry.location.diagnostic(
                            "unknown usage input '\(name)'.\(guess)",
                            hint: "declare it under the top-level 'usage' first"))
                }
            }
            if let t = phase.tenants {
                tenants = t.value
                tenantsLocation = t.location
                tenantsSet = true
                if perTenant.isEmpty {
                    diagnostics.append(
                        t.location.diagnostic(
                            "tenants is set but the phase has no per_tenant resources",
                            hint: "list what each tenant gets under per_tenant"))
                }
            }
            if !perTenant.isEmpty && !tenantsSet {
                diagnostics.append(
                    phase.location.diagnostic(
                        "phase '\(phase.id)' has per_tenant resources but no tenants count",
                        hint: "add e.g. tenants: 3"))
            }
            let r = ResolvedPhase(
                id: phase.id, name: phase.name, description: phase.description, extends: phase.extends,
                resources: resources, perTenant: perTenant, tenants: tenants, usage: usage,
                location: phase.location, tenantsLocation: tenantsLocation)
            resolved[phase.id] = r
            out.append(r)
        }
        return (out, diagnostics)
    }
}
