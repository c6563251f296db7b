import ArgumentParser
import CostModel
import DataStore
import Metrics
import Pricing
import Reporting

struct MetricsList: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json]

    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The metrics in the data store: datapoints, time range, files.",
        discussion: """
            Examples:
              orcha-cost metrics list
              orcha-cost metrics list --format json
            """
    )

    @OptionGroup var options: DataOptions
    @Option(help: "table or json.") var format: OutputFormat = .table

    func validate() throws { try validateFormat() }

    func run() throws {
        try reportingErrors {
            let store = try DataStore(path: try ProjectPaths.dataPath(option: options.data), create: false)
            let metrics = try store.storedMetrics()
            let sources = try store.sources(kind: "metrics")
            if format == .json { return Terminal.out(StoreRenderer.metricsJSON(metrics, iso: MetricStore.iso)) }
            Terminal.out(StoreRenderer.metricsTable(metrics, iso: MetricStore.iso))
            for s in sources { Terminal.out("\(s.path): \(s.format), \(s.rows) datapoints, imported \(s.importedAt)\n") }
            if metrics.isEmpty { Terminal.out("no metrics imported yet: orcha-cost metrics import FILE...\n") }
        }
    }
}
