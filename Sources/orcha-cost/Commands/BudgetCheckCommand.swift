import Analysis
import ArgumentParser
import Billing
import CostModel
import DataStore
import Pricing
import Reporting
import Scenarios

typealias UsagePoint = BudgetRenderer.UsagePoint

extension BudgetRenderer.UsagePoint: ExpressibleByArgument {}

struct BudgetCheck: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json]

    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Would each phase of the plan breach its budget alarms? Exit 1 when one fires (a CI gate).",
        discussion: """
            Every notification of every budget in the scenario is evaluated against every phase \
            in its scope, at low, expected and high usage; the state is taken at --at (default \
            expected). For the plan, actual and forecasted spend are both the planned cost.

            With --actuals (CUR legacy, CUR 2.0 or FOCUS CSV exports, plain or gzip), or \
            --stored-bills (the bills imported with `orcha-cost bills import`; --month alone \
            implies it), and the one --phase you run now, the budgets are checked against a \
            month of real spend instead (--month, default the latest month in the bills): ACTUAL notifications see the month-to-date \
            spend, FORECASTED ones month-to-date plus the remaining days at the run rate and the \
            plan, weighted by how much of the month has passed (the table says how).

            Examples:
              orcha-cost budget check scenarios/orcha.yaml
              orcha-cost budget check scenarios/orcha.yaml --phase nat --at high --format json
              orcha-cost budget check scenarios/orcha.yaml --phase mvp --actuals cur-2026-10.csv
              orcha-cost budget check scenarios/orcha.yaml --phase mvp --stored-bills
            """
    )

    @OptionGroup var options: CatalogOptions
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(help: ArgumentHelp("Only this phase (repeatable).", valueName: "id")) var phase: [String] = []
    @Option(help: "Usage point that decides the state: low, expected or high.") var at: UsagePoint = .expected
    @Option(name: .customLong("set"), help: ArgumentHelp("Overrides (see plan --help).", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: ArgumentHelp("Bill exports with actual spend (CUR or FOCUS CSV; repeatable).", valueName: "file"))
    var actuals: [String] = []
    @Flag(help: "Check against the bills in the data store (orcha-cost bills import).") var storedBills = false
    @Option(help: ArgumentHelp("Month of the bills to check (with --actuals or the stored bills).", valueName: "yyyy-mm"))
    var month: String?
    @Option(help: "table or json.") var format: OutputFormat = .table

    /// Whether the check is on bills (files or the data store) rather than the plan.
    var onBills: Bool { !actuals.isEmpty || storedBills || month != nil }

    func validate() throws {
        try validateFormat()
        try validateMonthOption(month)
        if storedBills && !actuals.isEmpty {
            throw ValidationError("--stored-bills reads the data store; --actuals reads files: give one of them")
        }
        if onBills && phase.count != 1 {
            throw ValidationError("on the bills, name the one phase you run now: --phase ID")
        }
    }

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            var engine = Engine(catalog: catalog)
            let alarms: [BudgetAlarm]
            var forecasts: [String: Forecast] = [:]
            if !onBills {
                alarms = try engine.checkBudgets(path: scenario, phases: phase, overrides: try Overrides(overrides))
            } else {
                let bills = try loadActuals(actuals, data: dataOptions.data, pricing: options.pricing)
                (alarms, forecasts) = try engine.checkBudgets(
                    path: scenario, phase: phase[0], month: month, overrides: try Overrides(overrides), actuals: bills)
            }
            Terminal.out(
                format == .json
                    ? BudgetRenderer.checkJSON(alarms, at: at)
                    : BudgetRenderer.checkTable(alarms, at: at, onBills: onBills, notes: BudgetRenderer.notes(forecasts)))
            for w in BudgetAlarm.tenantWarnings(alarms) { Terminal.stderr("orcha-cost: warning: " + w) }
            let firing = alarms.filter { $0.fires(BudgetRenderer.value($0, at: at)) }
            if !firing.isEmpty {
                Terminal.stderr(
                    !onBills
                        ? "orcha-cost: \(firing.count) budget alarm\(firing.count == 1 ? "" : "s") would fire at \(at.rawValue) usage"
                        : "orcha-cost: \(firing.count) budget alarm\(firing.count == 1 ? "" : "s") in ALARM on the bills")
                throw ExitCode(ExitStatus.checkFailed.rawValue)
            }
        }
    }
}
