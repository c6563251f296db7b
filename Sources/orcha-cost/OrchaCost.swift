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

/// Options every command that reads the catalog takes.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQLite catalog file (default: .cache/catalog.sqlite in the checkout, or $ORCHA_COST_CATALOG).", valueName: "path"))
    var catalog: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Folder of price sheets (default: the checkout's pricing/, or $ORCHA_COST_PRICING).", valueName: "dir")
    )
    var pricing: String?
}

/// The data store option of the commands that import or read metrics and bills.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQLite data store of imported metrics and bills (default: .cache/data.sqlite in the checkout, or $ORCHA_COST_DATA).",
            valueName: "path"))
    var data: String?
}

/// Runs a command body, turning user errors into `path:line: error:` messages on stderr and the
/// documented exit status; anything unexpected is an internal error (70), never a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as UserError {
        Terminal.stderr(error.description)
        throw ExitCode(error.status.rawValue)
    } catch let error as ExitCode {
        throw error
    } catch {
        Terminal.stderr("orcha-cost: internal error: \(error)")
        throw ExitCode(ExitStatus.software.rawValue)
    }
}
