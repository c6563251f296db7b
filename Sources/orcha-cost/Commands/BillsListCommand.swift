import ArgumentParser
import Billing
import CostModel
import DataStore
import Pricing
import Reporting

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
        try validateMonthOption(month)
    }

    func run() throws {
        try reportingErrors {
            let store = try DataStore(path: try ProjectPaths.dataPath(option: options.data), create: false)
            let bills = try store.loadBills()
            if let month { try bills.requireMonth(month) }
            let months = bills.months.filter { month == nil || $0 == month }
            let spend = months.map { mo in
                StoreRenderer.MonthSpend(
                    month: mo, services: bills.services(month: mo).map { ($0, bills.total(month: mo, service: $0)) },
                    total: bills.total(month: mo))
            }
            if format == .json { return Terminal.out(StoreRenderer.spendJSON(spend)) }
            Terminal.out(StoreRenderer.spendTable(spend))
            for f in bills.files {
                Terminal.out(
                    "\(f.path): \(f.format.rawValue), \(f.rows) line items, \(f.currency), \(f.months.joined(separator: ", "))\n")
            }
            if bills.files.isEmpty { Terminal.out("no bills imported yet: orcha-cost bills import FILE...\n") }
        }
    }
}
