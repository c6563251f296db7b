import Analysis
import ArgumentParser
import Billing
import CostModel
import DataStore
import Pricing
import Reporting
import Scenarios

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "Budgets and their alarms.",
        subcommands: [BudgetCheck.self, BudgetVarianceCommand.self, BudgetExportCommand.self]
    )
}

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
        if let month, !isMonth(month) { throw ValidationError("--month '\(month)' is not a month: write YYYY-MM, e.g. 2026-10") }
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
            var notes: [String] = []
            let alarms: [BudgetAlarm]
            if !onBills {
                alarms = try engine.checkBudgets(path: scenario, phases: phase, overrides: try Overrides(overrides))
            } else {
                let bills = try loadActuals(actuals, data: dataOptions.data, pricing: options.pricing)
                let checked = try engine.checkBudgets(
                    path: scenario, phase: phase[0], month: month, overrides: try Overrides(overrides), actuals: bills)
                alarms = checked.alarms
                notes = checked.forecasts.sorted { $0.key < $1.key }.map {
                    "forecast \($0.key) \($0.value.month): \($0.value.forecast.formatted(decimals: 2)) = \($0.value.explanation)"
                }
            }
            func value(_ a: BudgetAlarm) -> Money { BudgetRenderer.value(a, at: at) }
            Terminal.out(
                format == .json
                    ? BudgetRenderer.checkJSON(alarms, at: at)
                    : BudgetRenderer.checkTable(alarms, at: at, onBills: onBills, notes: notes))
            for w in BudgetAlarm.tenantWarnings(alarms) { Terminal.stderr("orcha-cost: warning: " + w) }
            let firing = alarms.filter { $0.fires(value($0)) }
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

func isMonth(_ s: String) -> Bool { YearMonth(parsing: s) != nil }

/// Reads bill exports (all or nothing), or with no files the bills in the data store.
func loadActuals(_ paths: [String], data: String?, pricing: String?) throws -> Actuals {
    if paths.isEmpty {
        let path = try ProjectPaths.dataPath(option: data, pricingOption: pricing)
        let bills = try DataStore(path: path, create: false).loadBills()
        if bills.files.isEmpty {
            throw UserError(
                path: path, "the data store holds no bills",
                hint: "import them (orcha-cost bills import FILE...) or give them with --actuals FILE", status: .noInput)
        }
        return bills
    }
    var bills = Actuals()
    for path in paths { try bills.load(path: path) }
    for f in bills.files { for note in f.notes { Terminal.stderr(note) } }
    return bills
}

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
        if let month, !isMonth(month) { throw ValidationError("--month '\(month)' is not a month: write YYYY-MM, e.g. 2026-10") }
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

struct BudgetExportCommand: FormattedCommand {
    static let formats: [OutputFormat] = [.awsCli]

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the scenario's budgets as JSON for `aws budgets create-budget`.",
        discussion: """
            For each budget, NAME.budget.json (--budget) and NAME.notifications.json \
            (--notifications-with-subscribers) in DIR, and the aws command to run. The scenario's \
            tags become a TagKeyValue cost filter of every budget without a tag or tenant scope; \
            a budget scoped by one tag or tenant filters on that tag alone (user:Tenant$NAME), as \
            AWS counts a cost carrying any one of a filter's tags; a service scope becomes a \
            Service filter. A planned budget takes its amount for --phase.

            Example:
              orcha-cost budget export scenarios/orcha.yaml --format aws-cli -o budgets/
              aws budgets create-budget --account-id 123456789012 \\
                --budget file://budgets/monthly-total.budget.json \\
                --notifications-with-subscribers file://budgets/monthly-total.notifications.json
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(help: "aws-cli (the only format).") var format: OutputFormat = .awsCli
    @Option(name: .shortAndLong, help: ArgumentHelp("Directory for the JSON files (created when missing).", valueName: "dir"))
    var output: String = "."
    @Option(help: ArgumentHelp("Phase whose amount a planned budget uses.", valueName: "id")) var phase: String?
    @Option(help: ArgumentHelp("Email for notifications that name no subscriber.", valueName: "email")) var subscriber: String?

    func validate() throws {
        try validateFormat()
        if let subscriber, !subscriber.contains("@") {
            throw ValidationError("--subscriber '\(subscriber)' is not an email address")
        }
    }

    func run() throws {
        try reportingErrors {
            let loaded = try ScenarioLoader.load(path: scenario)
            let files = try BudgetExport.files(
                loaded.budgets, tags: loaded.tags, phase: phase, subscriber: subscriber, scenarioPath: scenario)
            try AtomicFile.createDirectory(output)
            for f in files {
                let base = output + "/" + f.name
                try AtomicFile.write(f.budget, to: base + ".budget.json")
                try AtomicFile.write(f.notifications, to: base + ".notifications.json")
                Terminal.out(
                    "aws budgets create-budget --account-id ACCOUNT_ID --budget file://\(base).budget.json "
                        + "--notifications-with-subscribers file://\(base).notifications.json\n")
            }
        }
    }
}
