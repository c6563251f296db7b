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
            var failures: [UserError] = []
            for file in files {
                do {
                    let i = try store.importMetrics(path: file)
                    Terminal.out(
                        "imported \(i.path): \(i.format), \(i.points) datapoint\(i.points == 1 ? "" : "s") of "
                            + "\(i.metrics.count) metric\(i.metrics.count == 1 ? "" : "s") (\(i.metrics.joined(separator: ", ")))"
                            + (i.replaced.isEmpty ? "" : "; replaces the earlier import of \(i.replaced.joined(separator: ", "))")
                            + "\n")
                } catch let error as UserError {
                    Terminal.stderr(error.description)
                    Terminal.stderr("\(file): nothing imported from this file; the data store is unchanged by it")
                    failures.append(error)
                }
            }
            if let worst = failures.map(\.status.rawValue).max() {
                throw ExitCode(
                    worst == ExitStatus.noInput.rawValue && failures.count < files.count ? ExitStatus.dataError.rawValue : worst)
            }
        }
    }
}

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
            if format == .json {
                let items = metrics.map {
                    "  {\"metric\": \(JSON.quote($0.metric)), \"datapoints\": \($0.points), \"first\": \(JSON.quote(MetricStore.iso($0.first))), "
                        + "\"last\": \(JSON.quote(MetricStore.iso($0.last))), \"files\": \($0.files)}"
                }
                Terminal.out("[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]\n" : "\n]\n"))
                return
            }
            var t = TextTable(header: ["METRIC", "DATAPOINTS", "FIRST", "LAST", "FILES"], rightAligned: [1, 4])
            for m in metrics {
                t.add([m.metric, String(m.points), MetricStore.iso(m.first), MetricStore.iso(m.last), String(m.files)])
            }
            Terminal.out(t.render())
            for s in sources { Terminal.out("\(s.path): \(s.format), \(s.rows) datapoints, imported \(s.importedAt)\n") }
            if metrics.isEmpty { Terminal.out("no metrics imported yet: orcha-cost metrics import FILE...\n") }
        }
    }
}
