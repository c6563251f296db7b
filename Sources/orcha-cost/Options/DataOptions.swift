import ArgumentParser
import CostModel

/// The data store option of the commands that import or read metrics and bills.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQLite data store of imported metrics and bills (default: .cache/data.sqlite in the checkout, or $ORCHA_COST_DATA).",
            valueName: "path"))
    var data: String?
}
