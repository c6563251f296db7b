import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

struct SweepCommand: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .csv]

    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Cost per phase across a range of one input.",
        discussion: """
            KEY is anything --set takes: a usage input, RESOURCE.PARAMETER, tenants or \
            hours_per_month. STEP defaults to a tenth of the range.

            Examples:
              orcha-cost sweep scenarios/orcha.yaml --vary nat_gb=0..2000:250 --phase nat
              orcha-cost sweep scenarios/orcha.yaml --vary tenants=1..10:1 --chart tenants.svg
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(help: ArgumentHelp("The input to vary and its range.", valueName: "key=from..to[:step]")) var vary: String
    @Option(help: ArgumentHelp("Only this phase (repeatable).", valueName: "id")) var phase: [String] = []
    @Option(name: .customLong("set"), help: ArgumentHelp("Other overrides (see plan --help).", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "table or csv.") var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Also write an SVG line chart to this file.", valueName: "file.svg")) var chart: String?

    func validate() throws { try validateFormat() }

    func run() throws {
        try reportingErrors {
            let variation = try Variation(vary)
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            var engine = Engine(catalog: catalog)
            let result = try engine.sweep(
                path: scenario, variation: variation, overrides: try Overrides(overrides), phases: phase)
            if result.phases.isEmpty {
                throw UserError(message: "--phase selects no phase of \(scenario)", status: .usage)
            }
            Terminal.out(format == .csv ? SweepRenderer.csv(result) : SweepRenderer.table(result))
            if let chart {
                try AtomicFile.write(SweepRenderer.svg(result, title: "\(scenario): monthly cost by \(variation.key)"), to: chart)
                Terminal.stderr("wrote \(chart)")
            }
        }
    }
}
