import CostModel

/// Which phases `diff` compares: the two it names (`--from`/`--to`), or the phases both sides
/// have (all of them, or those named).
public enum PhasePairing {
    /// The diffs of `before` against `after`, labelled with each side's name and the phase id.
    /// A phase neither side has is a usage error with a did-you-mean; two scenarios without a
    /// phase id in common are one too. `matchingTypes` (two scenarios, `--from`/`--to`): lines left
    /// over on both sides match by resource type and component (see ``PhaseDiff``).
    public static func diffs(
        before: ScenarioCost, after: ScenarioCost, beforeName: String, afterName: String, from: String?, to: String?,
        phases: [String], matchingTypes: Bool = false
    ) throws -> [PhaseDiff] {
        if let from, let to {
            return [
                PhaseDiff(
                    before: try before.requirePhase(from), after: try after.requirePhase(to),
                    beforeLabel: "\(beforeName) \(from)", afterLabel: "\(afterName) \(to)", matchingTypes: matchingTypes)
            ]
        }
        for id in phases { _ = try before.requirePhase(id) }
        for id in phases { _ = try after.requirePhase(id) }
        let ids = phases.isEmpty ? after.phases.map(\.id).filter { before.phase($0) != nil } : phases
        if ids.isEmpty {
            throw UserError(
                message: "the two scenarios have no phase id in common", hint: "name the phases with --phase", status: .usage)
        }
        return try ids.map {
            PhaseDiff(
                before: try before.requirePhase($0), after: try after.requirePhase($0), beforeLabel: "\(beforeName) \($0)",
                afterLabel: "\(afterName) \($0)")
        }
    }
}
