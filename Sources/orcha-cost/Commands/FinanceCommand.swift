import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting
import Scenarios

struct FinanceCommand: FormattedCommand {
    static let formats: [OutputFormat] = [.focus, .summary]

    static let configuration = CommandConfiguration(
        commandName: "finance",
        abstract: "The roadmap's monthly costs as a finance CSV (FOCUS 1.2 columns), month by month.",
        discussion: """
            Each phase's 'starts:' puts it on a timeline (a calendar month, +N months after the \
            phase it extends, or {when: triggered, assume: +N}); each month runs the latest phase \
            started by then. The focus format has one row per month × cost line with the FinOps \
            FOCUS 1.2 columns (BilledCost, EffectiveCost, ListCost, ChargePeriodStart, ServiceName, \
            ServiceCategory, RegionId, Tags, ...) and our own x_Scenario, x_Phase, x_Tenant, \
            x_PriceSource, x_Low and x_High; upfront commitment fees are Purchase rows in the month \
            their term starts. A month's EffectiveCost adds up to its phase's plan total to the cent \
            (a planning month is 730 hours, as in plan); BilledCost too, except in months an upfront \
            fee is paid. The summary format has one row per month and service.

            Examples:
              orcha-cost finance scenarios/quoting-app.yaml --start 2027-01 --months 24 -o quoting.focus.csv
              orcha-cost finance scenarios/orcha.yaml --start 2027-01 --format summary
              scripts/focus-validate quoting.focus.csv      # the FinOps Foundation's validator
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file (default: scenarios/orcha.yaml).", valueName: "scenario"))
    var scenario: String?
    @OptionGroup var timeline: TimelineOptions
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a usage input or resource parameter, as in plan. Repeatable.", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "focus (one row per month × line) or summary (one row per month × service).")
    var format: OutputFormat = .focus
    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write to this file (atomically) instead of stdout ('-': stdout).", valueName: "file"))
    var output: String?

    func validate() throws { try validateFormat() }

    func run() throws {
        try reportingErrors {
            var (path, engine) = try engineFor(scenario, options)
            let overrides = try Overrides(overrides)
            let (model, phases) = try engine.validate(path: path, overrides: overrides)
            let schedule = try Timeline.build(model, start: timeline.firstMonth, months: timeline.months)
            let cost = try engine.plan(model, phases, overrides: overrides)
            let rows = Finance.rows(cost, schedule)
            let stem = scenarioStem(path)
            func write(_ out: inout OutputBuffer) -> Int {
                guard format == .focus else { return FinanceRenderer.summary(rows, currency: cost.currency, into: &out) }
                return FinanceRenderer.focusCSV(
                    rows, scenario: stem, tags: model.tags, currency: cost.currency,
                    account: .init(id: "orcha-cost:\(stem)", name: cost.scenario), into: &out)
            }
            guard let output, output != "-" else { return try Output.stdout { _ = write(&$0) } }
            var lines = 0
            try AtomicFile.write(to: output) { lines = write(&$0) }
            let billed = rows.reduce(Money.zero) { $0 + $1.billed }
            Terminal.stderr(
                "wrote \(output): \(schedule.months.first!)..\(schedule.months.last!) (\(schedule.months.count) months), "
                    + "\(lines) rows, \(cost.currency) \(billed.formatted(decimals: 2)) billed in all")
        }
    }
}
