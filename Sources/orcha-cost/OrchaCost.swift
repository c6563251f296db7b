import ArgumentParser
import CostModel

@main
struct OrchaCost: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "orcha-cost",
        abstract: "Cost modeller and roadmap planner for AWS infrastructure.",
        discussion: """
            Prices come from the reviewed sheets in pricing/ and from official AWS Price List \
            files you import. Exit codes: 0 ok, 1 a check failed, 64 bad command line, \
            65 bad input data, 66 input file missing, 70 internal error, 73 cannot create \
            output, 69 price-list endpoint unreachable, 74 I/O error, 75 catalog busy, 76 download failed \
            (HTTP error, cut short, bad index).
            """,
        version: version,
        subcommands: [
            PlanCommand.self, DiffCommand.self, SweepCommand.self, BreakEvenCommand.self, SimulateCommand.self,
            BudgetCommand.self, TriggersCommand.self, MetricsCommand.self, BillsCommand.self, FinanceCommand.self,
            ReportCommand.self, ImportCommand.self,
            CheckCommand.self,
            TypesCommand.self,
            CatalogCommand.self,
        ]
    )
}
