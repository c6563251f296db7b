import CostModel
import SQLiteStore

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
    /// Official, sheet, proxy or estimate.
    public var quality: PriceQuality
    /// Why an imported price list did not price the key, when it could have.
    public var notes: [String]

    /// Where a line priced by this comes from.
    public var priceOrigin: PriceOrigin { if case .priceList = origin { .priceList } else { .sheet } }
}

/// Looks prices up by key in any region: the key registry (`pricing/keys.csv`) gives the key's
/// offer code, unit and Price List selector; the price comes from the imported AWS Price List
/// product of that region the selector picks, else from the region's sheet row, else there is
/// none (``missingPrice(key:region:)`` says why and which command fetches it).
public final class PriceResolver {
    let catalog: Catalog
    /// Loaded from the catalog on first use.
    public private(set) lazy var registry: KeyRegistry = (try? catalog.registry()) ?? KeyRegistry([])
    public init(catalog: Catalog) { self.catalog = catalog }

    /// The lookups' statements, prepared once per catalog connection and reused for every
    /// lookup (``Database/cachedStatement(_:)``).
    private func statement(_ sql: String) throws -> Statement { try catalog.db.cachedStatement(sql) }

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
        case "gb-second", "gb-seconds", "lambda-gb-second": return "GB-second"
        case "vcpu-hours", "vcpu-hrs", "vcpu-hour": return "vCPU-hour"
        case "dpu-hour", "dpu-hours", "dpu-hr": return "DPU-hour"
        case "ios", "io": return "IO"
        case "minutes", "minute", "min": return "minute"
        case "messages", "message", "notifications": return "message"
        case "tb", "terabytes": return "TB"
        case "month", "mo", "months": return "month"
        // Per-thing monthly charges the Price List writes by the thing: EBS and RDS provisioned
        // IOPS, RDS Performance Insights per vCPU, KMS keys.
        case "iops-mo", "iops-month", "vcpu-month", "vcpu-mo", "keys": return "month"
        default: return unit
        }
    }

    /// True when a price-list unit prices the same thing as a registry unit. Per-resource hourly
    /// units (`vCPU-hour`) accept plain hours, as AWS writes them for Fargate and RDS Proxy.
    public static func unitsCompatible(sheet: String, priceList: String) -> Bool {
        let c = canonicalUnit(priceList)
        return c == sheet || (sheet.hasSuffix("-hour") && c == "hour")
    }

    static func parseRange(_ text: String?) -> Quantity? {
        guard let text, !text.isEmpty, text != "Inf" else { return nil }
        return try? Quantity.parse(text).get()
    }

    /// The price of `key` in `region`, or nil when neither an imported price list nor the
    /// region's sheet has it. Commitment keys (`<key>.reserved.1yr.no_upfront.hourly`,
    /// `....upfront`, `<key>.savings_plan.compute...`) are found among the imported Reserved and
    /// Savings Plans rows of the on-demand key's product.
    public func resolve(key: String, region: String) throws -> ResolvedPrice? {
        do {
            return try lookUp(key: key, region: region)
        } catch let error as SQLiteError {
            // A damaged catalog (attributes_json refuses malformed attributes): a message, not a trap.
            throw Catalog.userError(error, path: catalog.path)
        }
    }

    private func lookUp(key: String, region: String) throws -> ResolvedPrice? {
        let commitment = CommitmentKey(key)
        guard let selector = registry.selector(for: commitment?.base ?? key) else { return nil }
        let unit = commitment?.unit(base: selector.unit) ?? selector.unit
        let place = selector.isGlobal ? "global" : region
        var notes: [String] = []
        if selector.hasPriceListSelector, try hasImports() {
            var found =
                try commitment.map { try importedCommitment($0, selector, region: place) }
                ?? importedOnDemand(selector, region: place, notes: &notes)
            if found == nil, selector.definition.unit.isEmpty, notes.isEmpty {
                // A usage line may name a product priced once for all regions (Route 53 queries).
                var global = selector
                global.definition.isGlobal = true
                found = try importedOnDemand(global, region: "global", notes: &notes)
            }
            if var found {
                found.region = region
                return found
            }
        }
        guard var sheet = try sheetPrice(key: key, region: place, service: selector.service, unit: unit) else { return nil }
        sheet.region = region
        sheet.notes = notes
        return sheet
    }

    /// Whether any AWS file (price list or Savings Plans) has been imported.
    func hasImports() throws -> Bool {
        let imports = try statement("SELECT EXISTS(SELECT 1 FROM sources WHERE kind != 'sheet')")
        defer { try? imports.reset() }
        return try imports.step() && imports.int(0) != 0
    }

    /// The sheet rows of `key` for `region` (`global` for a global key).
    func sheetPrice(key: String, region: String, service: String, unit: String) throws -> ResolvedPrice? {
        let sheet = try statement(
            """
            SELECT pr.begin_range, pr.end_range, pr.price_e10, pr.effective_date, pr.source_note, pr.quality, s.path
            FROM products p JOIN sources s ON s.id = p.source_id JOIN prices pr ON pr.product_id = p.id
            WHERE s.kind = 'sheet' AND \(Catalog.isSheetProduct) AND p.product_key = ? AND p.region = ? ORDER BY pr.id
            """)
        try sheet.bind([.text(key), .text(region)])
        var tiers: [PriceTier] = []
        var date = ""
        var source = ""
        var path = ""
        var quality = PriceQuality.sheet
        while try sheet.step() {
            tiers.append(
                PriceTier(
                    start: Self.parseRange(sheet.text(0)) ?? .zero, end: Self.parseRange(sheet.text(1)),
                    price: FixedDecimal(scaled: sheet.int(2))))
            date = sheet.text(3) ?? ""
            source = sheet.text(4) ?? ""
            // A key is as good as its weakest tier.
            let q = PriceQuality(rawValue: sheet.text(5) ?? "") ?? .estimate
            if PriceQuality.allCases.firstIndex(of: q)! > PriceQuality.allCases.firstIndex(of: quality)! { quality = q }
            path = sheet.text(6) ?? ""
        }
        guard !tiers.isEmpty else { return nil }
        return ResolvedPrice(
            key: key, region: region, foundIn: region, service: service, unit: unit, tiers: tiers,
            effectiveDate: date, source: source, origin: .sheet(path: path), quality: quality, notes: [])
    }

    static func attributes(_ json: String) throws -> [String: String] {
        guard let object = JSON.parseFlatObject(json) else {
            throw UserError(message: "catalog holds malformed attributes: \(json.prefix(80))", status: .software)
        }
        return object
    }

    typealias ImportedProduct = (id: Int64, sku: String, path: String, offer: String, version: String, region: String)

    /// Imported products of the selector's service in `region` (any place without a region code
    /// for a global key) with its usage type and `match` attributes.
    func importedProducts(_ selector: PriceKeySelector, region: String, kind: String = "price-list") throws
        -> [ImportedProduct]
    {
        let columns = """
            p.id, p.sku, attributes_json(p.source_id, p.attributes), s.path, s.offer_code, s.version, p.operation,
            p.product_family, p.region
            """
        // Four statements rather than one with `(? = '' OR p.usage_type_base = ?)`: SQLite cannot
        // use products_lookup through that OR, and scanned every product on each lookup.
        var conditions = ["s.kind = ?", "p.service = ?"]
        var args: [SQLValue] = [.text(kind), .text(selector.service)]
        if !selector.isGlobal {
            conditions.append("p.region = ?")
            args.append(.text(region))
        }
        if !selector.usageType.isEmpty {
            conditions.append("p.usage_type_base = ?")
            args.append(.text(selector.usageType))
        }
        let candidates = try statement(
            """
            SELECT \(columns) FROM products p JOIN sources s ON s.id = p.source_id
            WHERE \(conditions.joined(separator: " AND "))
            """)
        try candidates.bind(args)
        let filters = selector.match.map { (PriceListImporter.normalize($0.name), $0.value) }
        // Savings Plans rows describe the discounted usage by usage type and operation only.
        let wanted = kind == "savings-plan" ? filters.filter { $0.0 == "operation" } : filters
        var matches: [(product: ImportedProduct, inRegion: Bool)] = []
        while try candidates.step() {
            let place = candidates.text(8) ?? ""
            if selector.isGlobal && PriceListImporter.isRegionCode(place) { continue }
            var normalized: [String: String] = [:]
            for (k, v) in try Self.attributes(candidates.text(2) ?? "{}") { normalized[PriceListImporter.normalize(k)] = v }
            let inRegion = normalized["locationtype"].map { $0 == "AWS Region" } ?? true
            if kind == "savings-plan" {
                normalized["operation"] = candidates.text(6) ?? ""
                if candidates.text(7) != "ComputeSavingsPlans" { continue }
            }
            if wanted.allSatisfy({ normalized[$0.0] == $0.1 }) {
                let product = (
                    candidates.int(0), candidates.text(1) ?? "", candidates.text(3) ?? "", candidates.text(4) ?? "",
                    candidates.text(5) ?? "", place
                )
                matches.append((product, inRegion))
            }
        }
        // The same usage in an Outpost or a Local Zone listed under the region: the region's own
        // product is the one a scenario means.
        let regional = matches.filter(\.inRegion)
        if matches.count > 1 && regional.count == 1 { return regional.map(\.product) }
        return matches.map(\.product)
    }

    /// The SKUs of the imported products the registry's selector of `key` picks in `region`
    /// (exactly one when the key is priced from the AWS Price List there).
    public func priceListProducts(key: String, region: String) throws -> [String] {
        guard let selector = registry.baseSelector(of: key), selector.hasPriceListSelector else { return [] }
        return try importedProducts(selector, region: selector.isGlobal ? "global" : region).map(\.sku)
    }

    /// The imported on-demand price of the one product the selector picks; nil (with a note when
    /// several match or the unit differs) otherwise.
    private func importedOnDemand(_ selector: PriceKeySelector, region: String, notes: inout [String]) throws
        -> ResolvedPrice?
    {
        let matches = try importedProducts(selector, region: region)
        guard !matches.isEmpty else { return nil }
        let prices = try statement(
            """
            SELECT begin_range, end_range, price_e10, unit, effective_date FROM prices
            WHERE product_id = ? AND term_type = 'OnDemand' ORDER BY id
            """)
        var usable: [(product: ImportedProduct, tiers: [PriceTier], date: String, unit: String)] = []
        for m in matches {
            try prices.bind([.int(m.id)])
            var tiers: [PriceTier] = []
            var date = ""
            var unitOK = true
            var unit = selector.unit
            while try prices.step() {
                let written = prices.text(3) ?? ""
                if selector.unit.isEmpty {
                    // A usage line takes the product's own unit; its tiers must agree on it.
                    if !unit.isEmpty && unit != Self.canonicalUnit(written) { unitOK = false }
                    unit = Self.canonicalUnit(written)
                } else if !Self.unitsCompatible(sheet: selector.unit, priceList: written) {
                    unitOK = false
                }
                tiers.append(
                    PriceTier(
                        start: Self.parseRange(prices.text(0)) ?? .zero, end: Self.parseRange(prices.text(1)),
                        price: FixedDecimal(scaled: prices.int(2))))
                date = prices.text(4) ?? ""
            }
            if tiers.isEmpty { continue }
            if !unitOK {
                notes.append("imported SKU \(m.sku) (\(m.path)) bills in another unit than the key's \(selector.unit)")
                continue
            }
            usable.append((m, tiers.sorted { $0.start < $1.start }, date, unit))
        }
        if usable.count > 1 {
            let fix =
                selector.key.hasPrefix(KeyRegistry.usageKeyPrefix)
                ? "add a 'match' to the resource that picks one"
                : "the selector in pricing/\(KeyRegistry.fileName) needs a 'match' that picks one"
            notes.append(
                "\(usable.count) imported products match usage type \(selector.usageType)\(selector.match.isEmpty ? "" : " and " + selector.matchText): \(try candidates(usable.map(\.product))); \(fix)"
            )
            return nil
        }
        guard let u = usable.first else { return nil }
        let p = u.product
        return ResolvedPrice(
            key: selector.key, region: region, foundIn: p.region, service: selector.service, unit: u.unit,
            tiers: u.tiers, effectiveDate: u.date,
            source: "AWS Price List \(p.offer) version \(p.version) (\(p.path)), SKU \(p.sku)",
            origin: .priceList(path: p.path, offerCode: p.offer, version: p.version, sku: p.sku), quality: .priceList,
            notes: [])
    }

    /// The products as `SKU (Attribute=value, ...)` with the attributes that tell them apart.
    func candidates(_ products: [ImportedProduct]) throws -> String {
        let st = try statement("SELECT attributes_json(source_id, attributes) FROM products WHERE id = ?")
        var attributes: [[String: String]] = []
        for p in products {
            try st.bind([.int(p.id)])
            attributes.append(try st.step() ? Self.attributes(st.text(0) ?? "{}") : [:])
        }
        let names = Set(attributes.flatMap(\.keys)).sorted().filter { name in
            Set(attributes.map { $0[name] ?? "" }).count > 1
        }
        return zip(products, attributes).map { p, a in
            let differing = names.prefix(4).map { "\($0)=\(a[$0] ?? "")" }.joined(separator: ", ")
            return differing.isEmpty ? p.sku : "\(p.sku) (\(differing))"
        }.joined(separator: "; ")
    }

    /// A commitment price from the imported Reserved rows (standard class) or Compute Savings
    /// Plans rows of the product.
    private func importedCommitment(_ c: CommitmentKey, _ base: PriceKeySelector, region: String) throws -> ResolvedPrice? {
        let products = try importedProducts(base, region: region, kind: c.savingsPlan ? "savings-plan" : "price-list")
        let rows = try statement(
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
        guard found.count == 1, let (p, price, date, term) = found.first else { return nil }
        return ResolvedPrice(
            key: c.key, region: region, foundIn: p.region, service: base.service,
            unit: c.unit(base: base.unit),
            tiers: [PriceTier(start: .zero, end: nil, price: FixedDecimal(scaled: price))], effectiveDate: date,
            source:
                "AWS Price List \(p.offer) version \(p.version) (\(p.path)), SKU \(p.sku), \(c.savingsPlan ? "Savings Plan rate" : "Reserved term") \(term)",
            origin: .priceList(path: p.path, offerCode: p.offer, version: p.version, sku: p.sku), quality: .priceList,
            notes: [])
    }

    /// Why `key` has no price in `region`, and the command or file that gives it one.
    public func missingPrice(key: String, region: String) -> (message: String, hint: String) {
        let commitment = CommitmentKey(key)
        guard let selector = registry.selector(for: commitment?.base ?? key) else {
            let guess = Spelling.closest(to: key, in: registry.patterns).map { ". did you mean '\($0)'?" } ?? ""
            return (
                "no price key '\(key)' in the key registry\(guess)",
                "price keys are defined in pricing/\(KeyRegistry.fileName)"
            )
        }
        var text = "no price for '\(key)' in \(selector.isGlobal ? "global (all regions)" : region)"
        var notes: [String] = []
        if commitment == nil, selector.hasPriceListSelector, (try? hasImports()) == true {
            _ = try? importedOnDemand(selector, region: selector.isGlobal ? "global" : region, notes: &notes)
        }
        if !notes.isEmpty { text += ": " + notes.joined(separator: "; ") }
        let elsewhere = (try? catalog.sheetRegions(key: key)) ?? []
        if !elsewhere.isEmpty && notes.isEmpty {
            text += " (the sheets price it in \(elsewhere.joined(separator: ", ")))"
        } else if elsewhere.isEmpty, notes.isEmpty, commitment == nil, let keys = try? catalog.sheetKeys() {
            // A typo in a parameter (t4g.huge): the closest key the sheets know.
            let prefix = key.split(separator: ".").prefix(2).joined(separator: ".")
            let similar = keys.filter { $0.hasPrefix(prefix) && $0 != key }
            if let guess = Spelling.closest(to: key, in: similar) { text += ". did you mean '\(guess)'?" }
        }
        let sheet = "pricing/aws/\(selector.isGlobal ? "global" : region).csv"
        guard selector.hasPriceListSelector else {
            return (
                text,
                "the AWS Price List cannot price this key (pricing/\(KeyRegistry.fileName) gives it no usage type): add a row to \(sheet)"
            )
        }
        let what =
            commitment == nil
            ? "AWS's price list" : commitment!.savingsPlan ? "AWS's Savings Plans rates" : "AWS's price list (its Reserved terms)"
        return (
            text,
            "run orcha-cost catalog update --region \(selector.isGlobal ? "us-east-1" : region) --service \(selector.service) to fetch \(what) (or catalog import a downloaded file), or add a row to \(sheet)"
        )
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

    /// What one unit of the key's price is: a Reserved hourly fee per `hour`, an upfront fee per
    /// `term`, a Savings Plan rate per the on-demand key's unit.
    public func unit(base: String) -> String { savingsPlan ? base : upfront ? "term" : "hour" }

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
