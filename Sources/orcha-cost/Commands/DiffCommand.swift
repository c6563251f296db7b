import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

#if canImport(Glibc)
    import Glibc
#endif

struct DiffCommand: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json, .markdown]

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
    @Option(help: "table, json or markdown.") var format: OutputFormat = .table
    @Option(
        name: .customLong("fail-above"),
        help: ArgumentHelp(
            "Exit 1 when a phase's monthly increase is above AMOUNT dollars or PERCENT (e.g. 50 or 10%).",
            valueName: "amount|percent"))
    var failAbove: String?

    func validate() throws {
        try validateFormat()
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
            let diffs = try PhasePairing.diffs(
                before: before, after: after, beforeName: scenario, afterName: afterName, from: from, to: to, phases: phase,
                matchingTypes: other != nil)
            switch format {
            case .json: Terminal.out(DiffRenderer.json(diffs))
            case .markdown: Terminal.out(DiffRenderer.markdown(diffs))
            default: Terminal.out(DiffRenderer.table(diffs, color: isatty(1) == 1 && getenv("NO_COLOR") == nil))
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
