import ArgumentParser
import CostModel
import DataStore
import Metrics
import Pricing
import Reporting

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Import metrics into the data store, and list what it holds.",
        subcommands: [MetricsImport.self, MetricsList.self]
    )
}
