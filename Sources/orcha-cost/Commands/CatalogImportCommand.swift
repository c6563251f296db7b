import ArgumentParser
import CostModel
import Pricing
import Reporting

struct CatalogImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import official AWS Price List bulk CSV files into the catalog.",
        discussion: """
            Each file is streamed (memory stays flat) and imported in one transaction: a file with \
            an error leaves the catalog exactly as it was. Importing a newer file of the same \
            offer and region replaces the older one.

            Example:
              curl -O https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonRDS/current/eu-central-1/index.csv
              orcha-cost catalog import index.csv
            """
    )

    @OptionGroup var options: CatalogOptions

    @Flag(name: .shortAndLong, help: "No progress bar and no summary.")
    var quiet = false

    @Argument(help: ArgumentHelp("AWS Price List CSV files (index.csv of an offer, or a Savings Plans CSV).", valueName: "file"))
    var files: [String]

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            try importEach(files, store: "catalog") { file in
                let progress = Terminal.Progress(label: quiet ? "" : "importing \(file)")
                var importer = PriceListImporter(catalog: catalog)
                if !quiet { importer.progress = { progress.update(bytes: $0, total: $1, rows: $2) } }
                let s: ImportSummary
                do {
                    s = try importer.importFile(file)
                } catch {
                    progress.finish()
                    throw error
                }
                progress.finish()
                if !quiet { Terminal.out(ImportRenderer.priceList(s)) }
            }
        }
    }
}
