import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting
import Scenarios

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "Budgets and their alarms.",
        subcommands: [BudgetCheck.self, BudgetExportCommand.self]
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

struct BudgetExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the scenario's budgets as JSON for `aws budgets create-budget`.",
        discussion: """
            For each budget, NAME.budget.json (--budget) and NAME.notifications.json \
            (--notifications-with-subscribers) in DIR, and the aws command to run. The scenario's \
            tags become a TagKeyValue cost filter of every budget; a service scope becomes a \
            Service filter. A planned budget takes its amount for --phase.

            Example:
              orcha-cost budget export scenarios/orcha.yaml --format aws-cli -o budgets/
              aws budgets create-budget --account-id 123456789012 \\
                --budget file://budgets/monthly-total.budget.json \\
                --notifications-with-subscribers file://budgets/monthly-total.notifications.json
            """
    )

    enum Format: String, ExpressibleByArgument { case awsCli = "aws-cli" }

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(help: "aws-cli (the only format).") var format: Format = .awsCli
    @Option(name: .shortAndLong, help: ArgumentHelp("Directory for the JSON files.", valueName: "dir")) var output: String = "."
    @Option(help: ArgumentHelp("Phase whose amount a planned budget uses.", valueName: "id")) var phase: String?
    @Option(help: ArgumentHelp("Email for notifications that name no subscriber.", valueName: "email")) var subscriber: String?

    func validate() throws {
        if let subscriber, !subscriber.contains("@") {
            throw ValidationError("--subscriber '\(subscriber)' is not an email address")
        }
    }

    func run() throws {
        try reportingErrors {
            let loaded = try ScenarioLoader.load(path: scenario)
            if loaded.budgets.isEmpty {
                throw UserError(
                    path: scenario, "the scenario has no budgets", hint: "add a 'budgets:' list (see README, 'Budgets')")
            }
            var problems: [Diagnostic] = []
            var files: [(String, String, String)] = []
            for var b in loaded.budgets {
                guard let limit = b.amount.map({ Money(micros: $0.millionths) }) ?? phase.flatMap({ b.limit(phase: $0) }) else {
                    problems.append(
                        b.location.diagnostic(
                            "budget '\(b.name)' is planned per phase: say which phase's amount to export",
                            hint: "add --phase ID (one of \(b.planned.keys.sorted().joined(separator: ", ")))"))
                    continue
                }
                for i in b.notifications.indices where b.notifications[i].subscribers.isEmpty {
                    if let subscriber {
                        b.notifications[i].subscribers = [subscriber]
                    } else {
                        problems.append(
                            b.notifications[i].location.diagnostic(
                                "this notification has no subscribers; AWS Budgets needs at least one",
                                hint: "add subscribers: [you@example.com], or pass --subscriber EMAIL"))
                    }
                }
                if b.notifications.isEmpty {
                    problems.append(b.location.diagnostic("budget '\(b.name)' has no notifications to export"))
                }
                files.append(
                    (b.name, BudgetExport.budget(b, limit: limit, tags: loaded.tags), BudgetExport.notifications(b)))
            }
            if !problems.isEmpty { throw UserError(problems) }
            for (name, budget, notifications) in files {
                let base = output + "/" + name
                try AtomicFile.write(budget, to: base + ".budget.json")
                try AtomicFile.write(notifications, to: base + ".notifications.json")
                Terminal.out(
                    "aws budgets create-budget --account-id ACCOUNT_ID --budget file://\(base).budget.json "
                        + "--notifications-with-subscribers file://\(base).notifications.json\n")
            }
        }
    }
}
