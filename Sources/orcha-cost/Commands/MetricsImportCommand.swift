import ArgumentParser
import CostModel
import DataStore
import Metrics
import Pricing
import Reporting

struct MetricsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import metrics files (CSV or CloudWatch JSON, plain or gzip) into the data store.",
        discussion: """
            Each file is one transaction: it is imported whole or not at all (a bad file, or a \
            kill part-way, leaves the store as it was). Importing a file again (the same path, \
            or the same content under another name) replaces its earlier import. A metric split \
            across files is merged in time order (the files may interleave); a timestamp two \
            files both give is refused. `orcha-cost triggers SCENARIO` then reads the store when \
            no --metrics files are given.

            Examples:
              orcha-cost metrics import business.csv
              orcha-cost metrics import cpu-page1.json cpu-page2.json metrics-2026.csv.gz
              orcha-cost metrics import business.csv --data /tmp/data.sqlite
            """
    )

    @OptionGroup var options: DataOptions
    @Argument(help: ArgumentHelp("Metrics files: CSV (timestamp,metric,value) or CloudWatch JSON.", valueName: "file"))
    var files: [String]

    func run() throws {
        try reportingErrors {
            let store = try DataStore(path: try ProjectPaths.dataPath(option: options.data), create: true)
            try importEach(files, store: "data store") { file in
                let i = try store.importMetrics(path: file)
                Terminal.out(ImportRenderer.metrics(i))
            }
        }
    }
}
