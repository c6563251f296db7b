import Analysis
import ArgumentParser
import Billing
import CostModel
import DataStore
import Pricing
import Reporting
import Scenarios

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
