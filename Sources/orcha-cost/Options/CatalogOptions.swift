import ArgumentParser
import CostModel

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
