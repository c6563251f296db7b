import CostModel

/// `catalog query`, `catalog list` and `catalog list --region` as tables, JSON and CSV.
public enum CatalogRenderer {
    // MARK: - catalog query

    /// One price row as a JSON object on one line (the README documents its keys).
    public static func json(_ r: PriceRow, _ w: inout JSONWriter) {
        func opt(_ s: String) -> String? { s.isEmpty ? nil : s }
        w.beginObject(.inline)
        w.key("sku")
        w.string(r.sku)
        w.key("price_key")
        w.string(r.priceKey)
        w.key("service")
        w.string(r.service)
        w.key("region")
        w.string(r.region)
        w.key("usage_type")
        w.string(opt(r.usageType))
        w.key("operation")
        w.string(opt(r.operation))
        w.key("product_family")
        w.string(opt(r.productFamily))
        w.key("description")
        w.string(r.description)
        w.key("unit")
        w.string(r.unit)
        w.key("price")
        w.string(r.price)
        w.key("currency")
        w.string(opt(r.currency))
        w.key("begin_range")
        w.string(opt(r.beginRange))
        w.key("end_range")
        w.string(opt(r.endRange))
        w.key("term_type")
        w.string(r.termType)
        w.key("offer_term_code")
        w.string(opt(r.offerTermCode))
        w.key("rate_code")
        w.string(opt(r.rateCode))
        w.key("lease_contract_length")
        w.string(opt(r.leaseContractLength))
        w.key("purchase_option")
        w.string(opt(r.purchaseOption))
        w.key("offering_class")
        w.string(opt(r.offeringClass))
        w.key("effective_date")
        w.string(opt(r.effectiveDate))
        w.key("source")
        w.string(r.source)
        w.key("attributes")
        w.rawJSON(r.attributesJSON)
        w.endObject()
    }

    public static let csvHeader = [
        "sku", "price_key", "service", "region", "usage_type", "operation", "product_family", "description", "unit",
        "price", "begin_range", "end_range", "term_type", "offer_term_code", "rate_code", "lease_contract_length",
        "purchase_option", "offering_class", "currency", "effective_date", "source", "attributes",
    ]

    public static func csv(_ r: PriceRow, _ w: inout CSVWriter) {
        w.row([
            r.sku, r.priceKey ?? "", r.service, r.region, r.usageType, r.operation, r.productFamily, r.description, r.unit,
            r.price, r.beginRange, r.endRange, r.termType, r.offerTermCode, r.rateCode, r.leaseContractLength,
            r.purchaseOption, r.offeringClass, r.currency, r.effectiveDate, r.source, r.attributesJSON,
        ])
    }

    /// The rows as a table, then how many there are.
    public static func table(_ rows: [PriceRow]) -> String {
        var table = TextTable(
            header: ["SERVICE", "REGION", "USAGE TYPE", "TERM", "UNIT", "PRICE", "RANGE", "SKU / KEY", "DESCRIPTION"],
            rightAligned: [5])
        for r in rows {
            var term = r.termType
            if !r.leaseContractLength.isEmpty { term += " \(r.leaseContractLength) \(r.purchaseOption)" }
            let range = (r.beginRange.isEmpty && r.endRange.isEmpty) ? "" : "\(r.beginRange)-\(r.endRange)"
            table.add([
                r.service, r.region, r.usageType, term, r.unit, r.price, range, r.priceKey ?? r.sku,
                String(r.description.prefix(70)),
            ])
        }
        return table.render() + "\(rows.count) price row\(rows.count == 1 ? "" : "s")\n"
    }

    // MARK: - catalog list

    public static func listJSON(_ holdings: [CatalogHolding], _ coverage: [RegionCoverage]) -> String {
        func opt(_ s: String) -> JSONValue { s.isEmpty ? .null : .string(s) }
        return JSONWriter.document(
            .object(
                [
                    (
                        "sources",
                        .array(
                            holdings.map { h in
                                .object(
                                    [
                                        ("kind", .string(h.kind)), ("path", .string(h.path)), ("offer_code", opt(h.offerCode)),
                                        ("version", opt(h.version)), ("publication_date", opt(h.publicationDate)),
                                        ("imported_at", .string(h.importedAt)), ("service", .string(h.service)),
                                        ("region", .string(h.region)), ("prices", .int(h.prices)),
                                        ("effective_from", .string(h.firstEffective)), ("effective_to", .string(h.lastEffective)),
                                    ], .inline)
                            }, .block)
                    ),
                    (
                        "regions",
                        .array(
                            coverage.map { c in
                                .object(
                                    [("region", .string(c.region))]
                                        + PriceQuality.allCases.map { ($0.rawValue, .int(c.counts[$0] ?? 0)) }
                                        + [("missing", .int(c.missing))], .inline)
                            }, .block)
                    ),
                ], .block))
    }

    /// What the catalog at `path` holds per source, service and region; then each region's keys
    /// by quality, and the command that fetches AWS's own prices where some are not.
    public static func listTable(path: String, _ holdings: [CatalogHolding], _ coverage: [RegionCoverage]) -> String {
        var table = TextTable(
            header: ["SOURCE", "KIND", "VERSION", "SERVICE", "REGION", "PRICES", "EFFECTIVE"], rightAligned: [5])
        var total = 0
        for h in holdings {
            total += h.prices
            let dates = h.firstEffective == h.lastEffective ? h.firstEffective : "\(h.firstEffective)..\(h.lastEffective)"
            table.add([h.path, h.kind, h.version.isEmpty ? "-" : h.version, h.service, h.region, String(h.prices), dates])
        }
        var out = "catalog \(path)\n" + table.render()
        out += "\(total) prices from \(Set(holdings.map(\.path)).count) sources\n\n"
        var regions = TextTable(
            header: ["REGION", "OFFICIAL", "SHEET", "PROXY", "ESTIMATE", "MISSING"], rightAligned: [1, 2, 3, 4, 5])
        for c in coverage {
            regions.add([c.region] + PriceQuality.allCases.map { String(c.counts[$0] ?? 0) } + [String(c.missing)])
        }
        out += "price keys by region (official = AWS Price List; proxy = another region's price)\n" + regions.render()
        let stale = coverage.filter {
            $0.region != "global" && $0.missing + $0.counts.filter { !$0.key.isOfficial }.values.reduce(0, +) > 0
        }
        if !stale.isEmpty {
            out +=
                "orcha-cost catalog update \(stale.map { "--region \($0.region)" }.joined(separator: " ")) fetches AWS's own prices; catalog list --region R shows each key\n"
        }
        return out
    }

    // MARK: - catalog list --region

    /// How one key is priced in a region (nil price: missing).
    public struct KeyRow: Sendable {
        public var key: String
        public var quality: PriceQuality?
        public var unit: String?
        public var prices: [FixedDecimal]
        public var source: String?

        public init(key: String, quality: PriceQuality?, unit: String?, prices: [FixedDecimal], source: String?) {
            self.key = key
            self.quality = quality
            self.unit = unit
            self.prices = prices
            self.source = source
        }
    }

    public static func keysJSON(_ keys: [KeyRow], region: String) -> String {
        JSONWriter.document(
            .array(
                keys.map { k in
                    .object(
                        [
                            ("key", .string(k.key)), ("region", .string(region)), ("quality", .string(k.quality?.rawValue)),
                            ("unit", .string(k.unit)), ("prices", .strings(k.prices.map(\.description))),
                            ("source", .string(k.source)),
                        ], .inline)
                }, .block))
    }

    public static func keysTable(_ keys: [KeyRow], region: String) -> String {
        var table = TextTable(header: ["KEY", "QUALITY", "PRICE", "UNIT", "SOURCE"], rightAligned: [2])
        for k in keys {
            let price = k.unit == nil ? "-" : (k.prices.count > 1 ? "tiered, " : "") + (k.prices.first?.description ?? "")
            table.add([
                k.key, k.quality.map { $0.isOfficial ? "official" : $0.rawValue } ?? "MISSING", price, k.unit ?? "",
                String((k.source ?? "").prefix(80)),
            ])
        }
        var out = table.render()
        let missing = keys.filter { $0.quality == nil }.count
        let unofficial = keys.filter { $0.quality.map { !$0.isOfficial } ?? false }.count
        out +=
            "\(keys.count) keys in \(region): \(keys.count - missing - unofficial) official, \(unofficial) not official, \(missing) missing\n"
        if region != "global" && missing + unofficial > 0 {
            out += "orcha-cost catalog update --region \(region) fetches AWS's own prices for them\n"
        }
        return out
    }
}
