import ArgumentParser
import Billing
import CostModel
import DataStore
import Pricing
import Reporting

struct BillsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import CUR legacy, CUR 2.0 or FOCUS CSV exports (plain or .csv.gz) into the data store.",
        discussion: """
            The spend is stored summed per usage day, service, region and cost-allocation tags, \
            exactly (10 decimals). Each file is one transaction: imported whole or not at all (a \
            bad file, or a kill part-way, leaves the store as it was). Importing a file again \
            (the same path, or the same content under another name) replaces its earlier \
            import; the parts of a split CUR are separate files and add up. `orcha-cost budget \
            variance` and `budget check --stored-bills` then read the store.

            Examples:
              orcha-cost bills import cur-2026-10-00001.csv.gz cur-2026-10-00002.csv.gz
              orcha-cost bills import focus-2026-11.csv
            """
    )

    @OptionGroup var options: DataOptions
    @Argument(help: ArgumentHelp("Bill exports: CUR legacy, CUR 2.0 or FOCUS CSV, plain or gzip.", valueName: "file"))
    var files: [String]

    func run() throws {
        try reportingErrors {
            let store = try DataStore(path: try ProjectPaths.dataPath(option: options.data), create: true)
            try importEach(files, store: "data store") { file in
                let i = try store.importBills(path: file)
                let f = i.summary
                Terminal.out(
                    ImportRenderer.bills(
                        path: file, format: f.format.rawValue, rows: f.rows, currency: f.currency,
                        total: Money.rounded(f.total, scale: 10), months: f.months, skippedNote: f.skippedNote,
                        replaced: i.replaced))
                for note in f.notes { Terminal.stderr(note) }
            }
        }
    }
}
