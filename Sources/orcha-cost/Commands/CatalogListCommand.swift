import ArgumentParser
import CostModel
import Pricing
import Reporting

struct CatalogList: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json]

    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Summarise what the catalog holds, and how each region's prices are known.",
        discussion: """
            Without --region: per source, service and region, the price counts, effective dates and \
            price-list versions; then per region how many price keys are official (AWS Price List), \
            from a sheet, proxies (another region's price), estimates, or missing.
            With --region: every price key in that region with its quality, price and source.

            Examples:
              orcha-cost catalog list
              orcha-cost catalog list --region eu-west-1
            """
    )

    @OptionGroup var options: CatalogOptions
    @Option(help: "Show every key of this region (or 'global') with its quality.") var region: String?
    @Option(help: "table or json.") var format: OutputFormat = .table

    func validate() throws {
        try validateFormat()
        if let region, region != "global", let problem = AWSServiceNames.regionProblem(region) {
            throw ValidationError("--region: " + problem)
        }
    }

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            let resolver = PriceResolver(catalog: catalog)
            if let region {
                try listRegion(region, resolver)
                return
            }
            let holdings = try catalog.holdings()
            let coverage = try resolver.coverageRegions().map { try resolver.coverageSummary(region: $0) }
            Terminal.out(
                format == .json
                    ? CatalogRenderer.listJSON(holdings, coverage)
                    : CatalogRenderer.listTable(path: catalog.path, holdings, coverage))
        }
    }

    func listRegion(_ region: String, _ resolver: PriceResolver) throws {
        let keys = try resolver.coverage(region: region).map {
            CatalogRenderer.KeyRow(
                key: $0.key, quality: $0.quality, unit: $0.price?.unit, prices: $0.price?.tiers.map(\.price) ?? [],
                source: $0.price?.source)
        }
        Terminal.out(
            format == .json
                ? CatalogRenderer.keysJSON(keys, region: region) : CatalogRenderer.keysTable(keys, region: region))
    }
}
