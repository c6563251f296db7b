import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

struct SimulateCommand: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json]

    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "P10/P50/P90 cost per phase by Monte Carlo over the uncertain inputs, and what drives the spread.",
        discussion: """
            Every range in the scenario (usage inputs, parameters, tenants) is an uncertain input, \
            drawn uniformly unless its usage input says `distribution: triangular` (with `mode`) or \
            `distribution: lognormal` (with `p50` and `p90`). The same seed gives the same numbers, \
            bit for bit. Drivers: the phase's cost with one input at its high value minus at its \
            low value, the others at their expected values.

            Examples:
              orcha-cost simulate scenarios/quoting-app.yaml
              orcha-cost simulate scenarios/media-gpu.yaml --samples 1000000 --seed 7 --format json
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(help: "Number of samples.") var samples: Int = 100_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .customLong("set"), help: ArgumentHelp("Overrides (see plan --help).", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "table or json.") var format: OutputFormat = .table

    func validate() throws {
        try validateFormat()
        if samples < 1 || samples > 50_000_000 { throw ValidationError("--samples must be between 1 and 50000000") }
    }

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            var engine = Engine(catalog: catalog)
            let r = try engine.simulate(path: scenario, samples: samples, seed: seed, overrides: try Overrides(overrides))
            Terminal.out(format == .json ? SimulationRenderer.json(r) : SimulationRenderer.table(r))
        }
    }
}
