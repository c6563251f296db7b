import CostModel
import FileIO
import SQLiteStore

extension PriceListImporter {
    /// `eu-central-1`, `us-gov-west-1`: a code with a dash and a trailing digit (not `global`
    /// or a location name such as CloudFront's `Europe`, whose usage types keep their prefix).
    public static func isRegionCode(_ s: String) -> Bool {
        s.utf8.contains(UInt8(ascii: "-")) && (s.last?.isNumber ?? false) && !s.utf8.contains(UInt8(ascii: " "))
    }

    /// The region a product row prices: its "Region Code"; else its "Location" ("EU (London)",
    /// "Any"/"Global" -> `global`); else, for transfer rows (AWSDataTransfer has no Location), the
    /// side the traffic leaves from ("From Region Code", "From Location"), and for inbound rows
    /// (From Location "External") the side it goes to. A location name without a code is kept as
    /// written (CloudFront's "Europe"); no location at all is `global`.
    static func region(_ rec: CSVRecord, _ l: Layout) -> String {
        let code = rec.string(l.field(.regionCode))
        if !code.isEmpty { return code }
        let location = rec.string(l.field(.location))
        if let r = AWSServiceNames.regionCodes[location] { return r }
        for (codeRole, locationRole) in [(Role.fromRegionCode, Role.fromLocation), (.toRegionCode, .toLocation)] {
            let c = rec.string(l.field(codeRole))
            if !c.isEmpty { return c }
            if let r = AWSServiceNames.regionCodes[rec.string(l.field(locationRole))] { return r }
        }
        return location.isEmpty ? "global" : location
    }

    /// Strips the region's prefix (`EUC1-`, `USE1-`, eu-west-1's `EU-`) from a usage type. For a
    /// region whose prefix is not known (or none given), a prefix is two to four capitals and a
    /// digit, or `EU`: us-east-1's unprefixed usage types keep their own capitals (AWSELB
    /// `TS-LoadBalancerUsage`, AmazonVPC `VPN-Usage-Hours:...`).
    public static func baseUsageType(_ usage: String, region: String? = nil) -> String {
        if let region, let prefix = AWSServiceNames.usageTypePrefixes[region] {
            return usage.hasPrefix(prefix + "-") ? String(usage.dropFirst(prefix.count + 1)) : usage
        }
        let u = Array(usage.utf8)
        var i = 0
        while i < u.count && i < 4 && u[i] >= 65 && u[i] <= 90 { i += 1 }
        guard i >= 2 else { return usage }
        if i < u.count && u[i] >= 48 && u[i] <= 57 {
            i += 1
        } else if !(i == 2 && u[0] == UInt8(ascii: "E") && u[1] == UInt8(ascii: "U")) {
            return usage
        }
        guard i < u.count && u[i] == UInt8(ascii: "-") else { return usage }
        return String(decoding: u[(i + 1)...], as: UTF8.self)
    }

    /// Products of one source with the same key (a SKU whose rows are not all adjacent in the
    /// file) become the first one, with all their price rows; returns how many were merged away.
    /// `range`: the ids of the source's products.
    static func mergeDuplicateProducts(_ db: Database, sourceID: Int64, range: ClosedRange<Int64>) throws -> Int {
        let bounds: [String: SQLValue] = [
            ":first": .int(range.lowerBound), ":last": .int(range.upperBound), ":source": .int(sourceID),
        ]
        let groups = try db.prepare(
            """
            SELECT product_key, MIN(id) FROM products WHERE id BETWEEN :first AND :last AND source_id = :source
            GROUP BY product_key HAVING COUNT(*) > 1
            """)
        try groups.bind(bounds)
        var firsts: [String: Int64] = [:]
        while try groups.step() { firsts[groups.text(0) ?? ""] = groups.int(1) }
        try groups.reset()
        if firsts.isEmpty { return 0 }
        // The later products of those keys, in one pass over the range.
        let all = try db.prepare(
            "SELECT id, product_key FROM products WHERE id BETWEEN :first AND :last AND source_id = :source")
        try all.bind(bounds)
        var moves: [(from: Int64, to: Int64)] = []
        while try all.step() {
            if let first = firsts[all.text(1) ?? ""], first != all.int(0) { moves.append((all.int(0), first)) }
        }
        try all.reset()
        let movePrices = try db.prepare("UPDATE prices SET product_id = :to WHERE product_id = :from")
        let deleteProduct = try db.prepare("DELETE FROM products WHERE id = :id")
        for move in moves {
            try movePrices.bind([":to": .int(move.to), ":from": .int(move.from)])
            try movePrices.run()
            try deleteProduct.bind([":id": .int(move.from)])
            try deleteProduct.run()
        }
        return moves.count
    }
}

/// The parameters of the importer's `INSERT INTO products`, by name, as indexes.
struct ProductParameters {
    let sourceID, productKey, sku, service, region, productFamily, usageType, usageTypeBase, operation, attributes: Int32

    init(_ st: Statement) throws {
        sourceID = try st.parameter(":source_id")
        productKey = try st.parameter(":product_key")
        sku = try st.parameter(":sku")
        service = try st.parameter(":service")
        region = try st.parameter(":region")
        productFamily = try st.parameter(":product_family")
        usageType = try st.parameter(":usage_type")
        usageTypeBase = try st.parameter(":usage_type_base")
        operation = try st.parameter(":operation")
        attributes = try st.parameter(":attributes")
    }
}

/// The parameters of the importer's `INSERT INTO prices`, by name, as indexes.
struct PriceParameters {
    let productID, termType, offerTermCode, rateCode, description, effectiveDate, beginRange, endRange, unit: Int32
    let price, priceE10, currency, relatedTo, lease, purchaseOption, offeringClass: Int32

    init(_ st: Statement) throws {
        productID = try st.parameter(":product_id")
        termType = try st.parameter(":term_type")
        offerTermCode = try st.parameter(":offer_term_code")
        rateCode = try st.parameter(":rate_code")
        description = try st.parameter(":description")
        effectiveDate = try st.parameter(":effective_date")
        beginRange = try st.parameter(":begin_range")
        endRange = try st.parameter(":end_range")
        unit = try st.parameter(":unit")
        price = try st.parameter(":price")
        priceE10 = try st.parameter(":price_e10")
        currency = try st.parameter(":currency")
        relatedTo = try st.parameter(":related_to")
        lease = try st.parameter(":lease_contract_length")
        purchaseOption = try st.parameter(":purchase_option")
        offeringClass = try st.parameter(":offering_class")
    }
}
