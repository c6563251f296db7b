import ArgumentParser
import CostModel
import Pricing
import Reporting

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Build, inspect and refresh the pricing catalog.",
        discussion: """
            The catalog is rebuilt from pricing/ automatically whenever a sheet changes. Official \
            AWS Price List CSV files imported with 'catalog import' override sheet prices for the \
            same product and region.
            """,
        subcommands: [CatalogList.self, CatalogQuery.self, CatalogPrice.self, CatalogImport.self, CatalogUpdate.self],
        defaultSubcommand: CatalogList.self
    )
}
