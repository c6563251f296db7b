import ArgumentParser
import CostModel
import Pricing
import Reporting

struct CatalogQuery: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json, .csv]

    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "List price rows matching filters.",
        discussion: """
            Examples:
              orcha-cost catalog query --service AmazonEC2 --region eu-central-1
              orcha-cost catalog query --usage-type NatGateway-Hours --format json
              orcha-cost catalog query --service AmazonRDS --filter "Database Engine=PostgreSQL" --filter term_type=OnDemand
            """
    )

    @OptionGroup var options: CatalogOptions
    @Option(help: "AWS offer code, e.g. AmazonEC2 (case-insensitive).") var service: String?
    @Option(help: "Region code, e.g. eu-central-1, or 'global'.") var region: String?
    @Option(
        name: .customLong("usage-type"),
        help: "Usage type, with or without the region prefix (EUC1-NatGateway-Hours or NatGateway-Hours).")
    var usageType: String?
    @Option(
        name: .customLong("filter"),
        help: ArgumentHelp(
            "ATTR=VALUE on a product attribute (\"Instance Type=t4g.medium\") or a field (term_type, sku, unit, price_key, ...). Repeatable.",
            valueName: "attr=value"))
    var filters: [String] = []
    @Option(help: "Stop after this many rows.") var limit: Int?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func validate() throws {
        try validateFormat()
        for f in filters where !f.contains("=") {
            throw ValidationError("--filter '\(f)' must be ATTR=VALUE, e.g. --filter \"Instance Type=t4g.medium\"")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            let pairs = filters.map { f -> (String, String) in
                let parts = f.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), String(parts[1]))
            }
            let filter = CatalogFilter(service: service, region: region, usageType: usageType, attributes: pairs)
            switch format {
            case .json:
                try Output.stdout { out in
                    try out.json { w in
                        w.beginArray()
                        try catalog.query(filter, limit: limit) { CatalogRenderer.json($0, &w) }
                        w.endArray()
                    }
                }
            case .csv:
                try Output.stdout { out in
                    try out.csv { w in
                        w.row(CatalogRenderer.csvHeader)
                        try catalog.query(filter, limit: limit) { CatalogRenderer.csv($0, &w) }
                    }
                }
            default:
                var rows: [PriceRow] = []
                try catalog.query(filter, limit: limit) { rows.append($0) }
                Terminal.out(CatalogRenderer.table(rows))
            }
        }
    }
}
