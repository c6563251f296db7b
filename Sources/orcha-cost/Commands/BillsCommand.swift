import ArgumentParser
import Billing
import CostModel
import DataStore
import Pricing
import Reporting

struct BillsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bills",
        abstract: "Import bills (CUR or FOCUS exports) into the data store, and list what it holds.",
        subcommands: [BillsImport.self, BillsList.self]
    )
}

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
            var failures: [UserError] = []
            for file in files {
                do {
                    let i = try store.importBills(path: file)
                    let f = i.summary
                    Terminal.out(
                        "imported \(file): \(f.format.rawValue), \(f.rows) line items, \(f.currency) "
                            + "\(Money(micros: Int64(roundedMicros(f.total))).formatted(decimals: 2)), "
                            + "\(f.months.joined(separator: ", "))" + (f.skippedNote.map { "; \($0)" } ?? "")
                            + (i.replaced.isEmpty ? "" : "; replaces the earlier import of \(i.replaced.joined(separator: ", "))")
                            + "\n")
                    for note in f.notes { Terminal.stderr(note) }
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

/// 10^-10 USD to micro-dollars, half away from zero.
func roundedMicros(_ e10: Int128) -> Int128 { (e10 + (e10 < 0 ? -5_000 : 5_000)) / 10_000 }

struct BillsList: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json]

    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The bills in the data store: spend per month and service, and the files.",
        discussion: """
            Examples:
              orcha-cost bills list
              orcha-cost bills list --month 2026-10 --format json
            """
    )

    @OptionGroup var options: DataOptions
    @Option(help: ArgumentHelp("Only this month.", valueName: "yyyy-mm")) var month: String?
    @Option(help: "table or json.") var format: OutputFormat = .table

    func validate() throws {
        try validateFormat()
        if let month, !isMonth(month) { throw ValidationError("--month '\(month)' is not a month: write YYYY-MM, e.g. 2026-10") }
    }

    func run() throws {
        try reportingErrors {
            let store = try DataStore(path: try ProjectPaths.dataPath(option: options.data), create: false)
            let bills = try store.loadBills()
            if let month { try bills.requireMonth(month) }
            let months = bills.months.filter { month == nil || $0 == month }
            func m(_ v: Money) -> String { v.formatted(decimals: 2) }
            if format == .json {
                var items: [String] = []
                for mo in months {
                    for s in bills.services(month: mo) {
                        items.append(
                            "  {\"month\": \(JSON.quote(mo)), \"service\": \(JSON.quote(s)), \"spend\": \(JSON.quote(m(bills.total(month: mo, service: s))))}"
                        )
                    }
                }
                Terminal.out("[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]\n" : "\n]\n"))
                return
            }
            var t = TextTable(header: ["MONTH", "SERVICE", "SPEND"], rightAligned: [2])
            for mo in months {
                for s in bills.services(month: mo) { t.add([mo, s, m(bills.total(month: mo, service: s))]) }
                t.add([mo, "TOTAL", m(bills.total(month: mo))])
            }
            Terminal.out(t.render())
            for f in bills.files {
                Terminal.out(
                    "\(f.path): \(f.format.rawValue), \(f.rows) line items, \(f.currency), \(f.months.joined(separator: ", "))\n")
            }
            if bills.files.isEmpty { Terminal.out("no bills imported yet: orcha-cost bills import FILE...\n") }
        }
    }
}
