import CostModel
import Foundation
import SQLiteStore

/// Filters for `catalog query`.
public struct CatalogFilter: Sendable {
    public var service: String?
    public var region: String?
    public var usageType: String?
    /// `ATTR=VALUE` pairs: a product attribute (header name, case and spaces ignored) or one of
    /// the core fields (sku, term_type, unit, price_key, operation, product_family, ...).
    public var attributes: [(String, String)] = []

    public init(service: String? = nil, region: String? = nil, usageType: String? = nil, attributes: [(String, String)] = []) {
        self.service = service
        self.region = region
        self.usageType = usageType
        self.attributes = attributes
    }
}

extension Catalog {
    static let coreFilterColumns: [String: String] = [
        "sku": "p.sku", "pricekey": "(CASE WHEN s.kind = 'sheet' THEN p.product_key END)", "service": "p.service",
        "region": "p.region", "usagetype": "p.usage_type", "operation": "p.operation",
        "productfamily": "p.product_family", "termtype": "pr.term_type", "offertermcode": "pr.offer_term_code",
        "ratecode": "pr.rate_code", "unit": "pr.unit", "currency": "pr.currency",
        "leasecontractlength": "pr.lease_contract_length", "purchaseoption": "pr.purchase_option",
        "offeringclass": "pr.offering_class", "effectivedate": "pr.effective_date", "offercode": "s.offer_code",
    ]

    /// All attribute column names seen in imported files.
    func attributeNames() throws -> [String] {
        let st = try db.prepare("SELECT DISTINCT columns FROM sources WHERE columns IS NOT NULL")
        var names = Set<String>(["match"])
        while try st.step() {
            if let text = st.text(0), let list = try? JSONDecoderLite.stringArray(text) { names.formUnion(list) }
        }
        return names.sorted()
    }

    /// The price rows matching `filter`, in file order.
    public func query(_ filter: CatalogFilter, limit: Int? = nil, _ each: (PriceRow) throws -> Void) throws {
        var clauses: [String] = []
        var args: [SQLValue] = []
        if let s = filter.service {
            clauses.append("p.service = ? COLLATE NOCASE")
            args.append(.text(s))
        }
        if let r = filter.region {
            clauses.append("p.region = ?")
            args.append(.text(r))
        }
        if let u = filter.usageType {
            // The base (without region prefix) is indexed; a prefixed argument must then match
            // as written, an unprefixed one is the base itself.
            clauses.append("p.usage_type_base = ? AND (p.usage_type = ? OR p.usage_type_base = ?)")
            args += [.text(PriceListImporter.baseUsageType(u, region: filter.region)), .text(u), .text(u)]
        }
        if !filter.attributes.isEmpty {
            let names = try attributeNames()
            for (attr, value) in filter.attributes {
                let n = PriceListImporter.normalize(attr)
                if let column = Catalog.coreFilterColumns[n] {
                    clauses.append("\(column) = ?")
                    args.append(.text(value))
                    continue
                }
                let exact = names.filter { PriceListImporter.normalize($0) == n }
                if exact.isEmpty {
                    let all = names + Catalog.coreFilterColumns.keys.sorted()
                    let guess = Spelling.didYouMean(attr, in: all)
                    throw UserError(
                        message: "--filter: no attribute '\(attr)' in the catalog." + guess,
                        hint:
                            "attributes are the price-list header names, e.g. \"Instance Type\", \"Database Engine\"; see catalog query --format json",
                        status: .usage)
                }
                let test = "json_extract(attributes_json(p.source_id, p.attributes), ?) = ?"
                clauses.append("(" + exact.map { _ in test }.joined(separator: " OR ") + ")")
                for name in exact {
                    args.append(.text("$.\"" + name.replacingOccurrences(of: "\"", with: "\\\"") + "\""))
                    args.append(.text(value))
                }
            }
        }
        var sql = """
            SELECT p.sku, CASE WHEN s.kind = 'sheet' THEN p.product_key END, p.service, p.region, p.usage_type,
                   p.operation, p.product_family, pr.description, pr.unit, pr.price, pr.begin_range, pr.end_range,
                   pr.term_type, pr.offer_term_code, pr.rate_code, pr.lease_contract_length, pr.purchase_option,
                   pr.offering_class, pr.currency, pr.effective_date, s.kind, s.path, s.offer_code, s.version,
                   pr.source_note, attributes_json(p.source_id, p.attributes)
            FROM prices pr JOIN products p ON p.id = pr.product_id JOIN sources s ON s.id = p.source_id
            """
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY pr.id"
        if let limit { sql += " LIMIT \(limit)" }
        do {
            let st = try db.prepare(sql)
            try st.bind(args)
            while try st.step() {
                let kind = st.text(20) ?? ""
                let path = st.text(21) ?? ""
                let source =
                    kind == "sheet"
                    ? "\(st.text(24) ?? "") [\(path)]"
                    : "AWS Price List \(st.text(22) ?? "") version \(st.text(23) ?? "") (\(path))"
                try each(
                    PriceRow(
                        sku: st.text(0) ?? "", priceKey: st.text(1), service: st.text(2) ?? "", region: st.text(3) ?? "",
                        usageType: st.text(4) ?? "", operation: st.text(5) ?? "", productFamily: st.text(6) ?? "",
                        description: st.text(7) ?? "", unit: st.text(8) ?? "", price: st.text(9) ?? "",
                        beginRange: st.text(10) ?? "", endRange: st.text(11) ?? "", termType: st.text(12) ?? "",
                        offerTermCode: st.text(13) ?? "", rateCode: st.text(14) ?? "", leaseContractLength: st.text(15) ?? "",
                        purchaseOption: st.text(16) ?? "", offeringClass: st.text(17) ?? "", currency: st.text(18) ?? "",
                        effectiveDate: st.text(19) ?? "", source: source, attributesJSON: st.text(25) ?? "{}"))
            }
        } catch let error as SQLiteError {
            throw Catalog.userError(error, path: path)
        }
    }

    public typealias Holding = CatalogHolding

    public func holdings() throws -> [Holding] {
        let st = try db.prepare(
            """
            SELECT s.kind, s.path, s.offer_code, s.version, s.publication_date, s.imported_at, p.service, p.region,
                   COUNT(*), MIN(pr.effective_date), MAX(pr.effective_date)
            FROM prices pr JOIN products p ON p.id = pr.product_id JOIN sources s ON s.id = p.source_id
            GROUP BY s.id, p.service, p.region ORDER BY s.kind DESC, s.path, p.service, p.region
            """)
        var out: [Holding] = []
        while try st.step() {
            out.append(
                Holding(
                    kind: st.text(0) ?? "", path: st.text(1) ?? "", offerCode: st.text(2) ?? "",
                    version: st.text(3) ?? "", publicationDate: st.text(4) ?? "", importedAt: st.text(5) ?? "",
                    service: st.text(6) ?? "", region: st.text(7) ?? "", prices: Int(st.int(8)),
                    firstEffective: st.text(9) ?? "", lastEffective: st.text(10) ?? ""))
        }
        return out
    }
}

/// Decodes the few JSON shapes the catalog stores.
enum JSONDecoderLite {
    static func stringArray(_ text: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}

extension Catalog {
    /// The regions whose sheets price `key`.
    public func sheetRegions(key: String) throws -> [String] {
        let st = try db.prepare(
            "SELECT DISTINCT p.region FROM products p JOIN sources s ON s.id = p.source_id WHERE s.kind = 'sheet' AND \(Catalog.isSheetProduct) AND p.product_key = ? ORDER BY 1"
        )
        try st.bind([.text(key)])
        var regions: [String] = []
        while try st.step() { regions.append(st.text(0) ?? "") }
        return regions
    }

    /// Every price key the sheets define, in any region.
    public func sheetKeys() throws -> [String] {
        let st = try db.prepare(
            "SELECT DISTINCT p.product_key FROM products p JOIN sources s ON s.id = p.source_id WHERE s.kind = 'sheet' AND \(Catalog.isSheetProduct) ORDER BY 1"
        )
        var keys: [String] = []
        while try st.step() { keys.append(st.text(0) ?? "") }
        return keys
    }
}
