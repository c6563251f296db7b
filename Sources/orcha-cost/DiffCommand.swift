import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

#if canImport(Glibc)
    import Glibc
#endif

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two phases, two scenarios, or a scenario with and without overrides.",
        discussion: """
            Shows the lines that changed (before, after, change), the change per service and in \
            total. --set always applies to the "after" side. With two scenarios, --from names the \
            first one's phase and --to the second one's (phases with other ids, such as an \
            imported scenario's 'deployed' against a roadmap phase); lines whose resource ids \
            differ then match by resource type and component.

            Examples:
              orcha-cost diff scenarios/orcha.yaml --from waf --to nat
              orcha-cost diff scenarios/orcha.yaml --set region=us-east-1 --phase mvp
              orcha-cost diff old.yaml new.yaml --fail-above 10%     # a CI gate for scenario changes
              orcha-cost diff deployed.yaml scenarios/orcha.yaml --from deployed --to ha
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario (the \"before\" side when a second one is given).", valueName: "scenario"))
    var scenario: String
    @Argument(help: ArgumentHelp("A second scenario: the \"after\" side.", valueName: "other")) var other: String?
    @Option(
        help: ArgumentHelp("Phase of the \"before\" side (with --to; of the first scenario when two are given).", valueName: "id")
    )
    var from: String?
    @Option(
        help: ArgumentHelp(
            "Phase of the \"after\" side (with --from; of the second scenario when two are given).", valueName: "id"))
    var to: String?
    @Option(help: ArgumentHelp("Compare only this phase (repeatable); default: every phase both sides have.", valueName: "id"))
    var phase: [String] = []
    @Option(
        name: .customLong("set"), help: ArgumentHelp("Override on the \"after\" side (see plan --help).", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "table, json or markdown.") var format: DiffFormat = .table
    @Option(
        name: .customLong("fail-above"),
        help: ArgumentHelp(
            "Exit 1 when a phase's monthly increase is above AMOUNT dollars or PERCENT (e.g. 50 or 10%).",
            valueName: "amount|percent"))
    var failAbove: String?

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        if from != nil && !phase.isEmpty { throw ValidationError("--phase does not go with --from/--to") }
        if from == nil && other == nil && overrides.isEmpty {
            throw ValidationError("nothing to compare: give --from and --to, a second scenario, or --set overrides")
        }
        if let failAbove, Threshold.parse(failAbove) == nil {
            throw ValidationError("--fail-above '\(failAbove)' must be an amount (50) or a percentage (10%)")
        }
    }

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            var engine = Engine(catalog: catalog)
            let set = try Overrides(overrides)
            let before = try engine.plan(path: scenario)
            let after = try engine.plan(path: other ?? scenario, overrides: set)
            let afterName =
                (other ?? scenario) + (set.isEmpty ? "" : " " + overrides.map { "--set " + $0 }.joined(separator: " "))
            var diffs: [PhaseDiff] = []
            if let from, let to {
                try requirePhases([from], in: before)
                try requirePhases([to], in: after)
                diffs = [
                    PhaseDiff(
                        before: before.phase(from)!, after: after.phase(to)!, beforeLabel: "\(scenario) \(from)",
                        afterLabel: "\(afterName) \(to)", matchingTypes: other != nil)
                ]
            } else {
                try requirePhases(phase, in: before)
                try requirePhases(phase, in: after)
                let ids = phase.isEmpty ? after.phases.map(\.id).filter { before.phase($0) != nil } : phase
                if ids.isEmpty {
                    throw UserError(
                        message: "the two scenarios have no phase id in common", hint: "name the phases with --phase",
                        status: .usage)
                }
                diffs = ids.map {
                    PhaseDiff(
                        before: before.phase($0)!, after: after.phase($0)!, beforeLabel: "\(scenario) \($0)",
                        afterLabel: "\(afterName) \($0)")
                }
            }
            switch format {
            case .table: Terminal.out(DiffRenderer.table(diffs, color: isatty(1) == 1 && getenv("NO_COLOR") == nil))
            case .json: Terminal.out(DiffRenderer.json(diffs))
            case .markdown: Terminal.out(DiffRenderer.markdown(diffs))
            }
            if let failAbove, let threshold = Threshold.parse(failAbove) {
                let over = diffs.filter { threshold.exceeded(by: $0) }
                for d in over {
                    Terminal.stderr(
                        "orcha-cost: \(d.afterLabel): +\(d.change.formatted(decimals: 2))/month (\(DiffRenderer.percent(d))) is above --fail-above \(threshold)"
                    )
                }
                if !over.isEmpty { throw ExitCode(ExitStatus.checkFailed.rawValue) }
            }
        }
    }
}
