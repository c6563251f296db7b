import Analysis
import ArgumentParser
import CostModel
import DataStore
import Metrics
import Pricing
import Reporting
import Scenarios

struct TriggersCommand: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json]

    static let configuration = CommandConfiguration(
        commandName: "triggers",
        abstract: "Is the next roadmap phase due? Each phase's indicators evaluated on exported metrics.",
        discussion: """
            Metrics files are CSV with a timestamp,metric,value header (more columns are \
            ignored), one datapoint per row, each metric oldest first, or the JSON that aws \
            cloudwatch get-metric-data (all pages) or get-metric-statistics writes; plain or \
            gzip. A metric split across files is merged in time order (a timestamp two files \
            both give is an error). Without --metrics, the metrics imported into the data store with `orcha-cost \
            metrics import` are used. Windows end at the newest \
            datapoint of all files (or --at). Each indicator is met, not met or unknown (missing \
            data is never met); a phase is due when the indicators it requires are met. For each \
            phase: what it costs per month, the change from the phase it extends, and whether it \
            fits the scenario's budgets.

            Examples:
              orcha-cost metrics import metrics.csv && orcha-cost triggers scenarios/quoting-app.yaml
              orcha-cost triggers scenarios/quoting-app.yaml --metrics metrics.csv
              orcha-cost triggers scenarios/quoting-app.yaml --metrics business.csv --metrics cpu-page1.json --metrics cpu-page2.json --format json
              orcha-cost triggers scenarios/quoting-app.yaml --metrics metrics.csv --fail-when-due   # exit 1 when due
            """
    )

    @OptionGroup var options: CatalogOptions
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(
        help: ArgumentHelp(
            "Metrics: CSV (timestamp,metric,value) or CloudWatch JSON; repeatable (default: the data store).", valueName: "file"))
    var metrics: [String] = []
    @Option(help: ArgumentHelp("Evaluate at this time instead of the newest datapoint.", valueName: "timestamp")) var at: String?
    @Flag(help: "Exit 1 when a phase is due (for scheduled jobs).") var failWhenDue = false
    @Option(help: "table or json.") var format: OutputFormat = .table

    func validate() throws {
        try validateFormat()
        if let at, MetricStore.timestamp(at) == nil {
            throw ValidationError("--at '\(at)' is not a timestamp: write 2026-11-26 or 2026-11-26T09:00:00Z")
        }
    }

    func run() throws {
        try reportingErrors {
            let (store, now) = try loadMetrics(
                metrics, at: at.flatMap(MetricStore.timestamp), scenario: scenario, data: dataOptions.data,
                pricing: options.pricing)
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            var engine = Engine(catalog: catalog)
            let phases = try engine.evaluateTriggers(path: scenario, metrics: store, now: now)
            Terminal.out(format == .json ? TriggersRenderer.json(phases) : TriggersRenderer.table(phases))
            let due = phases.filter(\.due)
            if failWhenDue && !due.isEmpty {
                Terminal.stderr("orcha-cost: due: \(due.map(\.phase).joined(separator: ", "))")
                throw ExitCode(ExitStatus.checkFailed.rawValue)
            }
        }
    }
}
