import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "Budgets and their alarms.",
        subcommands: [BudgetCheck.self]
    )
}

enum UsagePoint: String, ExpressibleByArgument, CaseIterable {
    case low, expected, high
}

struct BudgetCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Would each phase of the plan breach its budget alarms? Exit 1 when one fires (a CI gate).",
        discussion: """
            Every notification of every budget in the scenario is evaluated against every phase \
            in its scope, at low, expected and high usage; the state is taken at --at (default \
            expected). For the plan, actual and forecasted spend are both the planned cost.

            Examples:
              orcha-cost budget check scenarios/orcha.yaml
              orcha-cost budget check scenarios/orcha.yaml --phase nat --at high --format json
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(help: ArgumentHelp("Only this phase (repeatable).", valueName: "id")) var phase: [String] = []
    @Option(help: "Usage point that decides the state: low, expected or high.") var at: UsagePoint = .expected
    @Option(name: .customLong("set"), help: ArgumentHelp("Overrides (see plan --help).", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "table or json.") var format: OutputFormatSimple = .table

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            var engine = Engine(catalog: catalog)
            let alarms = try engine.checkBudgets(path: scenario, phases: phase, overrides: try Overrides(overrides))
            func m(_ v: Money) -> String { v.formatted(decimals: 2) }
            func value(_ a: BudgetAlarm) -> Money { at == .low ? a.low : at == .high ? a.high : a.expected }
            func describe(_ n: Budget.Notification) -> String {
                let op = n.comparison == .greaterThan ? ">" : n.comparison == .lessThan ? "<" : "="
                let amount = n.thresholdType == .percentage ? "\(n.threshold)%" : "$\(n.threshold)"
                return "\(n.kind.rawValue) \(op) \(amount)"
            }
            if format == .json {
                let items = alarms.map { a in
                    "  {\"budget\": \(JSON.quote(a.budget)), \"phase\": \(JSON.quote(a.phase)), "
                        + "\"notification\": \(JSON.quote(describe(a.notification))), \"limit\": \(JSON.quote(m(a.limit))), "
                        + "\"threshold\": \(JSON.quote(m(a.threshold))), \"low\": \(JSON.quote(m(a.low))), "
                        + "\"expected\": \(JSON.quote(m(a.expected))), \"high\": \(JSON.quote(m(a.high))), "
                        + "\"margin\": \(JSON.quote(m(a.threshold - value(a)))), \"state\": \(JSON.quote(a.fires(value(a)) ? "ALARM" : "OK"))}"
                }
                Terminal.out("[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]\n" : "\n]\n"))
            } else {
                var t = TextTable(
                    header: ["BUDGET", "PHASE", "ALARM", "THRESHOLD", "COST (\(at.rawValue))", "LOW..HIGH", "MARGIN", "STATE"],
                    rightAligned: [3, 4, 5, 6])
                for a in alarms {
                    t.add([
                        a.budget, a.phase, describe(a.notification), m(a.threshold), m(value(a)), "\(m(a.low))..\(m(a.high))",
                        m(a.threshold - value(a)), a.fires(value(a)) ? "ALARM" : "OK",
                    ])
                }
                Terminal.out(t.render())
            }
            let firing = alarms.filter { $0.fires(value($0)) }
            if !firing.isEmpty {
                Terminal.stderr(
                    "orcha-cost: \(firing.count) budget alarm\(firing.count == 1 ? "" : "s") would fire at \(at.rawValue) usage")
                throw ExitCode(ExitStatus.checkFailed.rawValue)
            }
        }
    }
}
