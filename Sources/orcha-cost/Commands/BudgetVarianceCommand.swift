import Analysis
import ArgumentParser
import Billing
import CostModel
import DataStore
import Pricing
import Reporting
import Scenarios

struct BudgetVarianceCommand: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json]

    static let configuration = CommandConfiguration(
        commandName: "variance",
        abstract: "Plan against actual spend, per month and AWS service, from CUR or FOCUS bill exports.",
        discussion: """
            The plan is the phase's expected monthly cost; actual spend is summed from the bills \
            (legacy CUR lineItem/UnblendedCost, CUR 2.0 line_item_unblended_cost, FOCUS \
            BilledCost; plain or gzip) by usage month and service; without --actuals, the bills \
            imported with `orcha-cost bills import`. Lines the plan has and the bill lacks (and \
            the reverse) show with a zero on the other side. A month still running shows its \
            month-to-date spend. With --budget NAME, both sides are limited to what that budget \
            covers: its service, and the plan lines and bill rows carrying its tags or tenant.

            Examples:
              orcha-cost budget variance scenarios/orcha.yaml --phase mvp --actuals cur-2026-10.csv
              orcha-cost budget variance scenarios/orcha.yaml --phase per-tenant --budget tenant-2 --actuals cur.csv
              orcha-cost budget variance scenarios/orcha.yaml --phase mvp --actuals focus.csv --format json
              orcha-cost bills import cur-2026-10.csv.gz && orcha-cost budget variance scenarios/orcha.yaml --phase mvp
            """
    )

    @OptionGroup var options: CatalogOptions
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(help: ArgumentHelp("The phase the bills are for.", valueName: "id")) var phase: String
    @Option(help: ArgumentHelp("Bill exports (CUR or FOCUS CSV; repeatable; default: the data store).", valueName: "file"))
    var actuals: [String] = []
    @Option(help: ArgumentHelp("Only this month.", valueName: "yyyy-mm")) var month: String?
    @Option(
        help: ArgumentHelp(
            "Only what this budget of the scenario covers: its service, tags and tenant, on the plan and on the bills.",
            valueName: "name"))
    var budget: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Overrides (see plan --help).", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "table or json.") var format: OutputFormat = .table

    func validate() throws {
        try validateFormat()
        try validateMonthOption(month)
    }

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            var engine = Engine(catalog: catalog)
            let bills = try loadActuals(actuals, data: dataOptions.data, pricing: options.pricing)
            if let month { try bills.requireMonth(month) }
            let rows = try engine.variance(
                path: scenario, phase: phase, overrides: try Overrides(overrides), actuals: bills, budget: budget
            ).filter { month == nil || $0.month == month }
            if format == .json { return Terminal.out(BudgetRenderer.varianceJSON(rows)) }
            Terminal.out(BudgetRenderer.varianceTable(rows))
            for f in bills.files {
                Terminal.out(
                    "\(f.path): \(f.format.rawValue), \(f.rows) rows, \(f.currency), \(f.months.joined(separator: ", "))"
                        + (f.skippedNote.map { "; \($0)" } ?? "") + "\n")
            }
        }
    }
}
