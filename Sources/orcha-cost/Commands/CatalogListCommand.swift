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
            if format == .json {
                let items = holdings.map { h in
                    """
                      {"kind": \(JSON.quote(h.kind)), "path": \(JSON.quote(h.path)), "offer_code": \(h.offerCode.isEmpty ? "null" : JSON.quote(h.offerCode)), \
                    "version": \(h.version.isEmpty ? "null" : JSON.quote(h.version)), "publication_date": \(h.publicationDate.isEmpty ? "null" : JSON.quote(h.publicationDate)), \
                    "imported_at": \(JSON.quote(h.importedAt)), "service": \(JSON.quote(h.service)), "region": \(JSON.quote(h.region)), \
                    "prices": \(h.prices), "effective_from": \(JSON.quote(h.firstEffective)), "effective_to": \(JSON.quote(h.lastEffective))}
                    """
                }
                let regions = coverage.map { c in
                    "    {\"region\": \(JSON.quote(c.region)), "
                        + PriceQuality.allCases.map { "\(JSON.quote($0.rawValue)): \(c.counts[$0] ?? 0)" }.joined(separator: ", ")
                        + ", \"missing\": \(c.missing)}"
                }
                Terminal.out(
                    "{\n  \"sources\": [\n" + items.map { "  " + $0 }.joined(separator: ",\n") + (items.isEmpty ? "" : "\n")
                        + "  ],\n  \"regions\": [\n" + regions.joined(separator: ",\n") + (regions.isEmpty ? "" : "\n")
                        + "  ]\n}\n")
                return
            }
            var table = TextTable(
                header: ["SOURCE", "KIND", "VERSION", "SERVICE", "REGION", "PRICES", "EFFECTIVE"], rightAligned: [5])
            var total = 0
            for h in holdings {
                total += h.prices
                let dates = h.firstEffective == h.lastEffective ? h.firstEffective : "\(h.firstEffective)..\(h.lastEffective)"
                table.add([h.path, h.kind, h.version.isEmpty ? "-" : h.version, h.service, h.region, String(h.prices), dates])
            }
            Terminal.out("catalog \(catalog.path)\n")
            Terminal.out(table.render())
            Terminal.out("\(total) prices from \(Set(holdings.map(\.path)).count) sources\n\n")
            var regions = TextTable(
                header: ["REGION", "OFFICIAL", "SHEET", "PROXY", "ESTIMATE", "MISSING"], rightAligned: [1, 2, 3, 4, 5])
            for c in coverage {
                regions.add(
                    [c.region] + PriceQuality.allCases.map { String(c.counts[$0] ?? 0) } + [String(c.missing)])
            }
            Terminal.out("price keys by region (official = AWS Price List; proxy = another region's price)\n")
            Terminal.out(regions.render())
            let stale = coverage.filter {
                $0.region != "global" && $0.missing + $0.counts.filter { !$0.key.isOfficial }.values.reduce(0, +) > 0
            }
            if !stale.isEmpty {
                Terminal.out(
                    "orcha-cost catalog update \(stale.map { "--region \($0.region)" }.joined(separator: " ")) fetches AWS's own prices; catalog list --region R shows each key\n"
                )
            }
        }
    }

    func listRegion(_ region: String, _ resolver: PriceResolver) throws {
        let statuses = try resolver.coverage(region: region)
        if format == .json {
            let items = statuses.map { s -> String in
                let quality = s.quality.map { JSON.quote($0.rawValue) } ?? "null"
                let unit = s.price.map { JSON.quote($0.unit) } ?? "null"
                let prices = s.price?.tiers.map { JSON.quote($0.price.description) }.joined(separator: ", ") ?? ""
                let source = s.price.map { JSON.quote($0.source) } ?? "null"
                return
                    "  {\"key\": \(JSON.quote(s.key)), \"region\": \(JSON.quote(region)), \"quality\": \(quality), \"unit\": \(unit), \"prices\": [\(prices)], \"source\": \(source)}"
            }
            Terminal.out("[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]\n" : "\n]\n"))
            return
        }
        var table = TextTable(header: ["KEY", "QUALITY", "PRICE", "UNIT", "SOURCE"], rightAligned: [2])
        for s in statuses {
            let price = s.price.map { p in (p.tiers.count > 1 ? "tiered, " : "") + (p.tiers.first?.price.description ?? "") }
            table.add([
                s.key, s.quality.map { $0.isOfficial ? "official" : $0.rawValue } ?? "MISSING", price ?? "-",
                s.price?.unit ?? "", String((s.price?.source ?? "").prefix(80)),
            ])
        }
        Terminal.out(table.render())
        let missing = statuses.filter { $0.quality == nil }.count
        let unofficial = statuses.filter { $0.quality.map { !$0.isOfficial } ?? false }.count
        Terminal.out(
            "\(statuses.count) keys in \(region): \(statuses.count - missing - unofficial) official, \(unofficial) not official, \(missing) missing\n"
        )
        if region != "global" && missing + unofficial > 0 {
            Terminal.out("orcha-cost catalog update --region \(region) fetches AWS's own prices for them\n")
        }
    }
}
