import CostModel

/// One tier of a resolved price: usage from `start` up to `end` (nil: no upper bound) costs
/// `price` per unit.
public struct PriceTier: Sendable, Hashable {
    public var start: Quantity
    public var end: Quantity?
    public var price: FixedDecimal
}

/// The price the engine uses for a key in a region, with where it came from.
public struct ResolvedPrice: Sendable {
    public enum Origin: Sendable, Hashable {
        /// A row of a reviewed price sheet.
        case sheet(path: String)
        /// An imported AWS Price List file.
        case priceList(path: String, offerCode: String, version: String, sku: String)
    }

    public var key: String
    /// The region asked for.
    public var region: String
    /// Where the price was found: the region, or `global`.
    public var foundIn: String
    public var service: String
    public var unit: String
    public var tiers: [PriceTier]
    public var effectiveDate: String
    /// Human-readable source (the sheet row's source text, or the price-list file and SKU).
    public var source: String
    public var origin: Origin
    /// Why an imported price list did not override the sheet, when it could have.
    public var notes: [String]

    public var isPriceList: Bool { if case .priceList = origin { return true } else { return false } }
}

/// Looks prices up by key: the sheet row for the region (or `global`), overridden by an imported
/// AWS Price List row for the same product (`usage_type` + `match`) and region.
public final class PriceResolver {
    let catalog: Catalog
    // Prepared once, reused for every lookup.
    private var sheetStatement: Statement?
    private var tiersStatement: Statement?
    private var candidatesStatement: Statement?
    private var onDemandStatement: Statement?
    private var importsStatement: Statement?
    private var reservedStatement: Statement?

    public init(catalog: Catalog) { self.catalog = catalog }

    private func statement(_ slot: inout Statement?, _ sql: String) throws -> Statement {
        if let st = slot { return st }
        let st = try catalog.db.prepare(sql)
        slot = st
        return st
    }

    /// AWS Price List unit spellings → sheet units.
    public static func canonicalUnit(_ unit: String) -> String {
        switch unit.lowercased() {
        case "hrs", "hr", "hours", "hour": return "hour"
        case "gb-mo", "gb-month", "gb-months": return "GB-month"
        case "gb": return "GB"
        case "requests", "request", "api calls": return "request"
        case "lcu-hrs", "lcu-hr", "lcu-hour": return "LCU-hour"
        case "acu-hr", "acu-hrs", "acu-hour": return "ACU-hour"
        case "gb-hours", "gb-hrs", "gb-hour": return "GB-hour"
        case "vcpu-hours", "vcpu-hrs", "vcpu-hour": return "vCPU-hour"
        case "dpu-hour", "dpu-hours", "dpu-hr": return "DPU-hour"
        case "ios", "io": return "IO"
        case "minutes", "minute", "min": return "minute"
        case "messages", "message", "notifications": return "message"
        case "tb", "terabytes": return "TB"
        case "month", "mo", "months": return "month"
        default: return unit
        }
    }

    /// True when a price-list unit prices the same thing as a sheet unit. Per-resource hourly
    /// units (`vCPU-hour`) accept plain hours, as AWS writes them for Fargate and RDS Proxy.
    public static func unitsCompatible(sheet: String, priceList: String) -> Bool {
        let c = canonicalUnit(priceList)
        return c == sheet || (sheet.hasSuffix("-hour") && c == "hour")
    }

    static func parseRange(_ text: String?) -> Quantity? {
        guard let text, !text.isEmpty, text != "Inf" else { return nil }
        return try? Quantity.parse(text).get()
    }

    /// The price of `key` in `region`, or nil when neither a sheet nor an imported price list
    /// has it. Commitment keys (`<key>.reserved.1yr.no_upfront.hourly`, `....upfront`) are also
    /// found among the imported Reserved rows of the on-demand key's product.
    public func resolve(key: String, region: String) throws -> ResolvedPrice? {
        if let commitment = CommitmentKey(key) {
            var resolved = try sheetPrice(key: key, region: region)?.price
            if try hasImports(), let base = try sheetPrice(key: commitment.base, region: region), !base.usageType.isEmpty {
                try reserved(&resolved, commitment, base: base.price, usageType: base.usageType, match: base.match)
            }
            return resolved
        }
        guard let sheet = try sheetPrice(key: key, region: region) else { return nil }
        var resolved = sheet.price
        if !sheet.usageType.isEmpty, try hasImports() {
            try override(&resolved, usageType: sheet.usageType, match: sheet.match)
        }
        return resolved
    }

    /// Whether any AWS file (price list or Savings Plans) has been imported.
    func hasImports() throws -> Bool {
        let imports = try statement(&importsStatement, "SELECT EXISTS(SELECT 1 FROM sources WHERE kind != 'sheet')")
        imports.reset()
        defer { imports.reset() }
        return try imports.step() && imports.int(0) != 0
    }

    /// The sheet row of `key` for the region (or `global`), with the product selectors used to
    /// find the same product in imported price lists.
    func sheetPrice(key: String, region: String) throws -> (price: ResolvedPrice, usageType: String, match: String)? {
        let sheet = try statement(
            &sheetStatement,
            """
            SELECT p.id, p.region, p.service, p.usage_type, p.attributes, s.path FROM products p
            JOIN sources s ON s.id = p.source_id
            WHERE s.kind = 'sheet' AND p.product_key = ? AND p.region IN (?, 'global')
            ORDER BY p.region = 'global' LIMIT 1
            """)
        try sheet.bind([.text(key), .text(region)])
        guard try sheet.step() else { return nil }
        let productID = sheet.int(0)
        let foundIn = sheet.text(1) ?? region
        let service = sheet.text(2) ?? ""
        let usageType = sheet.text(3) ?? ""
        let match = (try? Self.attributes(sheet.text(4) ?? "{}"))?["match"] ?? ""
        let sheetPath = sheet.text(5) ?? ""

        let tiersSQL = try statement(
            &tiersStatement,
            """
            SELECT begin_range, end_range, price_e10, unit, effective_date, source_note FROM prices
            WHERE product_id = ? ORDER BY id
            """)
        try tiersSQL.bind([.int(productID)])
        var tiers: [PriceTier] = []
        var unit = ""
        var date = ""
        var source = ""
        while try tiersSQL.step() {
            tiers.append(
                PriceTier(
                    start: Self.parseRange(tiersSQL.text(0)) ?? .zero, end: Self.parseRange(tiersSQL.text(1)),
                    price: FixedDecimal(scaled: tiersSQL.int(2))))
            unit = tiersSQL.text(3) ?? ""
            date = tiersSQL.text(4) ?? ""
            source = tiersSQL.text(5) ?? ""
        }
        let price = ResolvedPrice(
            key: key, region: region, foundIn: foundIn, service: service, unit: unit, tiers: tiers,
            effectiveDate: date, source: source, origin: .sheet(path: sheetPath), notes: [])
        return (price, usageType, match)
    }

    static func attributes(_ json: String) throws -> [String: String] {
        guard let object = JSON.parseFlatObject(json) else {
            throw UserError(message: "catalog holds malformed attributes: \(json.prefix(80))", status: .software)
        }
        return object
    }

    typealias ImportedProduct = (id: Int64, sku: String, path: String, offer: String, version: String)

    /// Imported products of the service in the region with the usage type and `match`
    /// attributes of a sheet row.
    func importedProducts(
        service: String, region: String, usageType: String, match: String, kind: String = "price-list"
    ) throws -> [ImportedProduct] {
        let candidates = try statement(
            &candidatesStatement,
            """
            SELECT p.id, p.sku, p.attributes, s.path, s.offer_code, s.version, p.operation, p.product_family FROM products p
            JOIN sources s ON s.id = p.source_id
            WHERE s.kind = ? AND p.service = ? AND p.region = ? AND p.usage_type_base = ?
            """)
        try candidates.bind([.text(kind), .text(service), .text(region), .text(usageType)])
        let filters: [(String, String)] = match.split(separator: ";").compactMap { pair -> (String, String)? in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return (PriceListImporter.normalize(String(parts[0])), String(parts[1]))
        }
        var matches: [ImportedProduct] = []
        while try candidates.step() {
            let attrs = try Self.attributes(candidates.text(2) ?? "{}")
            var normalized: [String: String] = [:]
            for (k, v) in attrs { normalized[PriceListImporter.normalize(k)] = v }
            // Savings Plans rows describe the discounted usage by usage type and operation only.
            let wanted = kind == "savings-plan" ? filters.filter { $0.0 == "operation" } : filters
            if kind == "savings-plan" {
                normalized["operation"] = candidates.text(6) ?? ""
                if candidates.text(7) != "ComputeSavingsPlans" { continue }
            }
            if wanted.allSatisfy({ normalized[$0.0] == $0.1 }) {
                matches.append(
                    (
                        candidates.int(0), candidates.text(1) ?? "", candidates.text(3) ?? "",
                        candidates.text(4) ?? "", candidates.text(5) ?? ""
                    ))
            }
        }
        return matches
    }

    /// Replaces the sheet price by the imported on-demand price of the same product, if exactly
    /// one imported product matches.
    private func override(_ resolved: inout ResolvedPrice, usageType: String, match: String) throws {
        let matches = try importedProducts(
            service: resolved.service, region: resolved.foundIn, usageType: usageType, match: match)
        guard !matches.isEmpty else { return }
        let prices = try statement(
            &onDemandStatement,
            """
            SELECT begin_range, end_range, price_e10, unit, effective_date FROM prices
            WHERE product_id = ? AND term_type = 'OnDemand' ORDER BY id
            """)
        var usable: [(sku: String, path: String, offer: String, version: String, tiers: [PriceTier], date: String)] = []
        for m in matches {
            try prices.bind([.int(m.id)])
            var tiers: [PriceTier] = []
            var date = ""
            var unitOK = true
            while try prices.step() {
                if !Self.unitsCompatible(sheet: resolved.unit, priceList: prices.text(3) ?? "") { unitOK = false }
                tiers.append(
                    PriceTier(
                        start: Self.parseRange(prices.text(0)) ?? .zero, end: Self.parseRange(prices.text(1)),
                        price: FixedDecimal(scaled: prices.int(2))))
                date = prices.text(4) ?? ""
            }
            if tiers.isEmpty { continue }
            if !unitOK {
                resolved.notes.append(
                    "imported SKU \(m.sku) (\(m.path)) bills in another unit than the sheet's \(resolved.unit); sheet price kept")
                continue
            }
            usable.append((m.sku, m.path, m.offer, m.version, tiers.sorted { $0.start < $1.start }, date))
        }
        if usable.count > 1 {
            resolved.notes.append(
                "\(usable.count) imported products match usage type \(usageType) (SKUs \(usable.map(\.sku).joined(separator: ", "))); add 'match' filters to the sheet row; sheet price kept"
            )
            return
        }
        guard let u = usable.first else { return }
        resolved.tiers = u.tiers
        resolved.effectiveDate = u.date
        resolved.origin = .priceList(path: u.path, offerCode: u.offer, version: u.version, sku: u.sku)
        resolved.source = "AWS Price List \(u.offer) version \(u.version) (\(u.path)), SKU \(u.sku)"
    }

    /// A commitment price from the imported Reserved rows (standard class) of the product.
    /// A commitment price from the imported Reserved rows (standard class) or Compute Savings
    /// Plans rows of the product.
    private func reserved(
        _ resolved: inout ResolvedPrice?, _ c: CommitmentKey, base: ResolvedPrice, usageType: String,
        match: String
    ) throws {
        let products = try importedProducts(
            service: base.service, region: base.foundIn, usageType: usageType, match: match,
            kind: c.savingsPlan ? "savings-plan" : "price-list")
        let rows = try statement(
            &reservedStatement,
            """
            SELECT price_e10, effective_date, COALESCE(offer_term_code, rate_code) FROM prices
            WHERE product_id = ? AND term_type = ? AND lease_contract_length = ? AND purchase_option = ?
              AND (offering_class = 'standard' OR term_type = 'SavingsPlan') AND unit = ?
            """)
        var found: [(ImportedProduct, Int64, String, String)] = []
        for p in products {
            try rows.bind([
                .int(p.id), .text(c.savingsPlan ? "SavingsPlan" : "Reserved"), .text(c.lease), .text(c.purchaseOption),
                .text(c.upfront ? "Quantity" : "Hrs"),
            ])
            if try rows.step() { found.append((p, rows.int(0), rows.text(1) ?? "", rows.text(2) ?? "")) }
        }
        guard found.count == 1, let (p, price, date, term) = found.first else { return }
        resolved = ResolvedPrice(
            key: c.key, region: base.region, foundIn: base.foundIn, service: base.service, unit: c.upfront ? "term" : "hour",
            tiers: [PriceTier(start: .zero, end: nil, price: FixedDecimal(scaled: price))], effectiveDate: date,
            source:
                "AWS Price List \(p.offer) version \(p.version) (\(p.path)), SKU \(p.sku), \(c.savingsPlan ? "Savings Plan rate" : "Reserved term") \(term)",
            origin: .priceList(path: p.path, offerCode: p.offer, version: p.version, sku: p.sku), notes: [])
    }
}

/// `<on-demand key>.reserved.<1yr|3yr>.<payment>.<hourly|upfront>` or
/// `<on-demand key>.savings_plan.compute.<1yr|3yr>.<payment>`, parsed.
public struct CommitmentKey: Sendable {
    var key: String
    var base: String
    var lease: String
    var purchaseOption: String
    var upfront: Bool
    public var savingsPlan: Bool

    /// Months of the term (`1yr` 12, `3yr` 36).
    public var termMonths: Int64 { lease == "3yr" ? 36 : 12 }

    public init?(_ key: String) {
        // Cheap test first: every lookup comes through here.
        guard key.hasSuffix(".hourly") || key.hasSuffix(".upfront") || key.hasSuffix("_upfront") else { return nil }
        let options = ["no_upfront": "No Upfront", "partial_upfront": "Partial Upfront", "all_upfront": "All Upfront"]
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if let r = parts.lastIndex(of: "reserved"), parts.count - r == 4 {
            guard ["1yr", "3yr"].contains(parts[r + 1]), let option = options[parts[r + 2]],
                ["hourly", "upfront"].contains(parts[r + 3])
            else { return nil }
            base = parts[..<r].joined(separator: ".")
            lease = parts[r + 1]
            purchaseOption = option
            upfront = parts[r + 3] == "upfront"
            savingsPlan = false
        } else if let r = parts.lastIndex(of: "savings_plan"), parts.count - r == 4, parts[r + 1] == "compute" {
            guard ["1yr", "3yr"].contains(parts[r + 2]), let option = options[parts[r + 3]] else { return nil }
            base = parts[..<r].joined(separator: ".")
            lease = parts[r + 2]
            purchaseOption = option
            upfront = false
            savingsPlan = true
        } else {
            return nil
        }
        self.key = key
    }
}
