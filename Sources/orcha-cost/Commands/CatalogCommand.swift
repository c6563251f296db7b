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
            var failures: [UserError] = []
            for file in files {
                let progress = Terminal.Progress(label: quiet ? "" : "importing \(file)")
                var importer = PriceListImporter(catalog: catalog)
                if !quiet { importer.progress = { progress.update(bytes: $0, total: $1, rows: $2) } }
                do {
                    let s = try importer.importFile(file)
                    progress.finish()
                    if !quiet {
                        let mb = Double(s.bytes) / 1e6
                        Terminal.out(
                            """
                            imported \(s.path): \(s.offerCode) version \(s.version) (published \(s.publicationDate)), \
                            \(s.rows) price rows, \(s.products) products, regions \(s.regions.joined(separator: ", "))\
                            \(s.replacedRows > 0 ? ", replaced \(s.replacedRows) rows of an earlier import" : "") \
                            [\(rate(mb, s.seconds)) MB/s]\n
                            """)
                    }
                } catch let error as UserError {
                    progress.finish()
                    Terminal.stderr(error.description)
                    Terminal.stderr("\(file): nothing imported from this file; the catalog is unchanged by it")
                    failures.append(error)
                }
            }
            if let worst = failures.map(\.status.rawValue).max() {
                throw ExitCode(
                    worst == ExitStatus.noInput.rawValue && failures.count < files.count ? ExitStatus.dataError.rawValue : worst)
            }
        }
    }

    func rate(_ mb: Double, _ seconds: Double) -> String {
        let r = mb / max(seconds, 0.0001)
        let tenths = Int((r * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

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

struct CatalogPrice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "Show the price the engine uses for a key in a region, and where it comes from.",
        discussion: """
            Example:
              orcha-cost catalog price ec2.instance.t4g.medium.linux --region eu-central-1
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: "Price key, e.g. ec2.nat_gateway.hour.") var key: String
    @Option(help: "Region code.") var region: String = "eu-central-1"

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            let resolver = PriceResolver(catalog: catalog)
            guard let p = try resolver.resolve(key: key, region: region) else {
                let missing = resolver.missingPrice(key: key, region: region)
                throw UserError(message: missing.message, hint: missing.hint, status: .dataError)
            }
            Terminal.out(
                "\(p.key) in \(p.region)\(p.foundIn != p.region ? " (global price)" : ""): \(p.service), per \(p.unit)\n")
            for t in p.tiers {
                let range = p.tiers.count > 1 ? "  \(t.start)..\(t.end.map(\.description) ?? "")" : ""
                Terminal.out("  \(t.price) USD per \(p.unit)\(range)\n")
            }
            Terminal.out("effective \(p.effectiveDate)\nquality: \(p.quality.rawValue)\nsource: \(p.source)\n")
            for note in p.notes { Terminal.out("note: \(note)\n") }
        }
    }
}
