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
                var first = true
                Terminal.out("[")
                try catalog.query(filter, limit: limit) { row in
                    Terminal.out((first ? "\n" : ",\n") + PriceRowFormat.json(row))
                    first = false
                }
                Terminal.out(first ? "]\n" : "\n]\n")
            case .csv:
                Terminal.out(CSVWriter.line(PriceRowFormat.csvHeader))
                try catalog.query(filter, limit: limit) { Terminal.out(CSVWriter.line(PriceRowFormat.csvFields($0))) }
            default:
                var table = TextTable(
                    header: ["SERVICE", "REGION", "USAGE TYPE", "TERM", "UNIT", "PRICE", "RANGE", "SKU / KEY", "DESCRIPTION"],
                    rightAligned: [5])
                var count = 0
                try catalog.query(filter, limit: limit) { r in
                    count += 1
                    var term = r.termType
                    if !r.leaseContractLength.isEmpty { term += " \(r.leaseContractLength) \(r.purchaseOption)" }
                    let range = (r.beginRange.isEmpty && r.endRange.isEmpty) ? "" : "\(r.beginRange)-\(r.endRange)"
                    table.add([
                        r.service, r.region, r.usageType, term, r.unit, r.price, range, r.priceKey ?? r.sku,
                        String(r.description.prefix(70)),
                    ])
                }
                Terminal.out(table.render())
                Terminal.out("\(count) price row\(count == 1 ? "" : "s")\n")
            }
        }
    }
}

/// JSON and CSV shapes of a price row (documented in the README).
enum PriceRowFormat {
    static let csvHeader = [
        "sku", "price_key", "service", "region", "usage_type", "operation", "product_family", "description", "unit",
        "price", "begin_range", "end_range", "term_type", "offer_term_code", "rate_code", "lease_contract_length",
        "purchase_option", "offering_class", "currency", "effective_date", "source", "attributes",
    ]

    static func csvFields(_ r: PriceRow) -> [String] {
        [
            r.sku, r.priceKey ?? "", r.service, r.region, r.usageType, r.operation, r.productFamily, r.description, r.unit,
            r.price, r.beginRange, r.endRange, r.termType, r.offerTermCode, r.rateCode, r.leaseContractLength,
            r.purchaseOption, r.offeringClass, r.currency, r.effectiveDate, r.source, r.attributesJSON,
        ]
    }

    static func json(_ r: PriceRow) -> String {
        func q(_ s: String) -> String { JSON.quote(s) }
        func opt(_ s: String) -> String { s.isEmpty ? "null" : JSON.quote(s) }
        return """
              {"sku": \(q(r.sku)), "price_key": \(r.priceKey.map(q) ?? "null"), "service": \(q(r.service)), \
            "region": \(q(r.region)), "usage_type": \(opt(r.usageType)), "operation": \(opt(r.operation)), \
            "product_family": \(opt(r.productFamily)), "description": \(q(r.description)), "unit": \(q(r.unit)), \
            "price": \(q(r.price)), "currency": \(opt(r.currency)), "begin_range": \(opt(r.beginRange)), \
            "end_range": \(opt(r.endRange)), "term_type": \(q(r.termType)), "offer_term_code": \(opt(r.offerTermCode)), \
            "rate_code": \(opt(r.rateCode)), "lease_contract_length": \(opt(r.leaseContractLength)), \
            "purchase_option": \(opt(r.purchaseOption)), "offering_class": \(opt(r.offeringClass)), \
            "effective_date": \(opt(r.effectiveDate)), "source": \(q(r.source)), "attributes": \(r.attributesJSON)}
            """
    }
}
