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
