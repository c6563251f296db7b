import CostModel
import FileIO
import SQLiteStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Imports official AWS Price List bulk CSV files (5-line preamble, header on line 6, one row
/// per SKU × term × price dimension) and Savings Plans CSVs into the catalog.
///
/// The file is streamed through libcsv; columns are found by header name (case and spaces
/// ignored); every term is kept (OnDemand, Reserved with its Upfront Fee rows) with its tiers.
/// The whole file goes in one transaction: any error leaves the catalog exactly as it was.
/// A later import of the same offer and region replaces the earlier one.
public struct PriceListImporter {
    public let catalog: Catalog
    /// Called with (bytes read, file size, rows) after each chunk.
    public var progress: ((Int, Int, Int) -> Void)?
    /// At most this many problems are reported for one file.
    public var maxDiagnostics = 50

    public init(catalog: Catalog) { self.catalog = catalog }

    /// Normalised header name: lower case, letters and digits only.
    static func normalize(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") })
    }

    enum Role: Int, CaseIterable {
        case sku, offerTermCode, rateCode, termType, description, effectiveDate, begin, end, unit, price,
            currency, relatedTo, lease, leaseUnit, purchaseOption, offeringClass, productFamily, serviceCode,
            location, regionCode, usageType, operation, fromRegionCode, fromLocation, toRegionCode, toLocation
    }

    /// Header names (normalised) that fill each role, for on-demand/reserved offer files.
    static let offerRoles: [Role: [String]] = [
        .sku: ["sku"], .offerTermCode: ["offertermcode"], .rateCode: ["ratecode"], .termType: ["termtype"],
        .description: ["pricedescription"], .effectiveDate: ["effectivedate"], .begin: ["startingrange"],
        .end: ["endingrange"], .unit: ["unit"], .price: ["priceperunit"], .currency: ["currency"],
        .relatedTo: ["relatedto"], .lease: ["leasecontractlength"], .purchaseOption: ["purchaseoption"],
        .offeringClass: ["offeringclass"], .productFamily: ["productfamily"], .serviceCode: ["servicecode"],
        .location: ["location"], .regionCode: ["regioncode"], .usageType: ["usagetype"], .operation: ["operation"],
        .fromRegionCode: ["fromregioncode"], .fromLocation: ["fromlocation"], .toRegionCode: ["toregioncode"],
        .toLocation: ["tolocation"],
    ]

    /// Savings Plans CSVs: the discounted usage is what the row prices.
    static let savingsPlanRoles: [Role: [String]] = [
        .sku: ["sku"], .rateCode: ["ratecode"], .description: ["description"], .effectiveDate: ["effectivedate"],
        .unit: ["unit"], .price: ["discountedrate"], .currency: ["currency"], .lease: ["leasecontractlength"],
        .leaseUnit: ["leasecontractlengthunit"], .purchaseOption: ["purchaseoption"], .productFamily: ["productfamily"],
        .serviceCode: ["discountedservicecode"], .location: ["location"], .regionCode: ["discountedregioncode"],
        .usageType: ["discountedusagetype"], .operation: ["discountedoperation"],
    ]

    /// Columns that describe the price/term rather than the product: not stored as attributes.
    /// ("Description" is the price's text in a Savings Plans CSV but a product attribute in an
    /// offer file, e.g. AmazonApiGateway's.)
    static let termColumns: Set<String> = [
        "sku", "offertermcode", "ratecode", "termtype", "pricedescription", "effectivedate", "startingrange",
        "endingrange", "unit", "priceperunit", "currency", "relatedto", "leasecontractlength", "purchaseoption",
        "offeringclass",
    ]
    static let savingsPlanTermColumns = termColumns.union(["discountedrate", "leasecontractlengthunit", "description"])

    /// The column layout found on line 6.
    struct Layout {
        var names: [String]
        /// Column of each role (by raw value), -1 when the file has no such column.
        var columns = [Int](repeating: -1, count: Role.allCases.count)
        /// The columns stored as product attributes, in file order (`sources.columns`).
        var attributeColumns: [Int] = []
        var isSavingsPlan: Bool

        @inline(__always) func field(_ role: Role) -> Int { columns[role.rawValue] }
        func has(_ role: Role) -> Bool { columns[role.rawValue] >= 0 }
    }

    static func layout(header: [String], path: String, line: Int) throws -> Layout {
        let normalized = header.map(normalize)
        let isSP = normalized.contains("discountedrate")
        var layout = Layout(names: header, isSavingsPlan: isSP)
        let roles = isSP ? savingsPlanRoles : offerRoles
        for (role, names) in roles {
            if let i = normalized.firstIndex(where: { names.contains($0) }) { layout.columns[role.rawValue] = i }
        }
        var required: [(Role, String)] = [(.sku, "SKU"), (.unit, "Unit")]
        required.append(isSP ? (.price, "DiscountedRate") : (.price, "PricePerUnit"))
        if !isSP { required.append((.termType, "TermType")) }
        var missing = required.filter { !layout.has($0.0) }.map { "\"\($0.1)\"" }
        if !layout.has(.regionCode) && !layout.has(.location) && !layout.has(.fromRegionCode) && !layout.has(.fromLocation) {
            missing.append("\"Region Code\" or \"Location\"")
        }
        if !missing.isEmpty {
            throw UserError(
                path: path, line: line,
                "the header has no \(missing.joined(separator: ", ")) column",
                hint: "line 6 of an AWS Price List CSV names the columns; this file is not one, or its header is damaged")
        }
        let dedupe = Set(normalized)
        if dedupe.count != normalized.count {
            let dup = normalized.enumerated().first { n in normalized.firstIndex(of: n.element) != n.offset }!
            throw UserError(path: path, line: line, "column \"\(header[dup.offset])\" appears twice in the header")
        }
        let termSet = isSP ? savingsPlanTermColumns : termColumns
        layout.attributeColumns = normalized.indices.filter { !termSet.contains(normalized[$0]) }
        return layout
    }

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

    /// Compares two range values ("0", "10240", "0.5", "Inf"; already checked by ``isRange``)
    /// as numbers, Inf above everything: true when `a` is greater than `b`.
    static func rangeAbove(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let aInf = a.elementsEqual("Inf".utf8)
        let bInf = b.elementsEqual("Inf".utf8)
        if aInf || bInf { return aInf && !bInf }
        // Without allocating (every row is checked): integer digits without leading zeros, then
        // fraction digits without trailing zeros.
        func parts(_ x: UnsafeRawBufferPointer) -> (Range<Int>, Range<Int>) {
            let dot = x.firstIndex(of: UInt8(ascii: ".")) ?? x.count
            var start = 0
            while start < dot && x[start] == UInt8(ascii: "0") { start += 1 }
            var end = x.count
            while end > dot + 1 && x[end - 1] == UInt8(ascii: "0") { end -= 1 }
            return (start..<dot, min(dot + 1, end)..<end)
        }
        let (ai, af) = parts(a)
        let (bi, bf) = parts(b)
        if ai.count != bi.count { return ai.count > bi.count }
        for (x, y) in zip(ai, bi) where a[x] != b[y] { return a[x] > b[y] }
        for (x, y) in zip(af, bf) where a[x] != b[y] { return a[x] > b[y] }
        return af.count > bf.count
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

    static func isRange(_ b: UnsafeRawBufferPointer) -> Bool {
        if b.elementsEqual("Inf".utf8) { return true }
        var dots = 0
        var digits = 0
        for c in b {
            if c == UInt8(ascii: ".") { dots += 1 } else if c >= 48 && c <= 57 { digits += 1 } else { return false }
        }
        return dots <= 1 && digits > 0
    }

    static func isDate(_ b: UnsafeRawBufferPointer) -> Bool {
        guard b.count >= 10 else { return false }
        for (i, c) in b.prefix(10).enumerated() {
            if i == 4 || i == 7 { if c != UInt8(ascii: "-") { return false } } else if c < 48 || c > 57 { return false }
        }
        return b.count == 10 || b[10] == UInt8(ascii: "T")
    }

    /// Checks the first bytes (`head`, as stored: not decompressed) for files that are clearly
    /// something else, to say what they are.
    static func sniff(head: [UInt8], path: String) throws {
        guard !head.isEmpty else {
            throw UserError(
                path: path, line: 1, "empty file: not an AWS Price List CSV",
                hint: "download the offer's index.csv (see README: how to update prices)")
        }
        let bytes = head[...]
        if bytes.starts(with: [0x1f, 0x8b]) {
            throw UserError(path: path, line: 1, "gzip-compressed data, not a CSV", hint: "decompress it first (gunzip)")
        }
        if bytes.starts(with: [0x50, 0x4b, 0x03, 0x04]) {
            throw UserError(path: path, line: 1, "zip archive, not a CSV", hint: "unzip it first")
        }
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).makeIterator()
        var lineNo = 0
        while let line = lines.next() {
            lineNo += 1
            let trimmed = line.drop { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
            if trimmed.starts(with: "#".utf8) || trimmed.starts(with: "//".utf8) { continue }
            if trimmed.first == UInt8(ascii: "{") || trimmed.first == UInt8(ascii: "[") {
                throw UserError(
                    path: path, line: lineNo,
                    "this is a JSON file (an offer index.json or a region/service index), not a CSV price list",
                    hint: "download the same offer as CSV: replace index.json by index.csv in its URL")
            }
            break
        }
    }

    static let preambleKeys = ["FormatVersion", "Disclaimer", "Publication Date", "Version", "OfferCode"]

    /// Imports one file in its own transaction.
    public func importFile(_ path: String) throws -> ImportSummary {
        let stream = try CSVStream(path: path, hints: .priceList)  // missing file or a directory: 66
        return try importStream(stream, path: path, beforeCommit: {})
    }

    /// Imports the content of `stream` (a file, or a pipe such as a download's body) in one
    /// transaction. `path` names the source in messages and in the catalog (a file path or a
    /// URL). `beforeCommit` runs inside the transaction after the last row: when it throws (a
    /// download that did not finish cleanly), the transaction rolls back and nothing is kept.
    public func importStream(
        _ stream: CSVStream, path: String, beforeCommit: () throws -> Void
    ) throws -> ImportSummary {
        try PriceListImporter.sniff(head: stream.leadingFileBytes(16384), path: path)
        stream.skipLeadingCommentLines = true
        stream.computesFingerprint = false  // not stored: the catalog names an import by its preamble
        let started = Clock.monotonicSeconds()
        // A pipe has no size: the summary counts the bytes read instead.
        var bytesRead = 0
        var counting = self
        counting.progress = { bytes, total, rows in
            bytesRead = bytes
            progress?(bytes, total, rows)
        }
        return try load(bytes: stream.fileSize) { bulk in
            var summary = try counting.run(stream: stream, path: path, started: started, bulk: bulk)
            try beforeCommit()
            summary.bytes = max(summary.bytes, bytesRead)
            return summary
        }
    }

    /// Files at least this large are imported in bulk when they may be large against the catalog.
    static let bulkMinimumBytes = 16 << 20

    /// Runs one import in one transaction. A large file (``bulkMinimumBytes``, and by its size
    /// possibly a quarter of the products the catalog holds or more) is loaded in bulk: the
    /// products' lookup indexes are dropped inside the transaction and built again, sorted, at
    /// its end (inserting random SKUs into them one by one reads and writes pages all over
    /// them once they outgrow the page cache), with a larger page cache for that build; and,
    /// when no other connection has the catalog open, with a rollback journal instead of the
    /// WAL, so the new pages are written once rather than to the WAL and then into the file
    /// (other processes then wait for the import, up to their busy timeout, instead of reading
    /// the previous catalog meanwhile). Either way an error or a kill leaves the catalog as it was.
    func load(bytes: Int, _ body: (_ bulk: Bool) throws -> ImportSummary) throws -> ImportSummary {
        let db = catalog.db
        do {
            let existing = try db.scalarInt("SELECT COALESCE(MAX(id), 0) FROM products")
            let bulk = bytes >= PriceListImporter.bulkMinimumBytes && Int64(bytes / 1000) >= existing / 4
            var rollbackJournal = false
            if bulk {
                try db.execute("PRAGMA cache_size=-\(Catalog.bulkCacheKiB)")
                rollbackJournal = (try? db.scalarText("PRAGMA journal_mode=DELETE")) == "delete"
            }
            defer {
                if bulk { try? db.execute("PRAGMA cache_size=-\(Catalog.cacheKiB)") }
                if rollbackJournal { _ = try? db.scalarText("PRAGMA journal_mode=WAL") }
            }
            return try db.transaction {
                if bulk {
                    for index in Catalog.productIndexes { try db.execute("DROP INDEX IF EXISTS \(index.name)") }
                }
                return try body(bulk)
            }
        } catch let error as SQLiteError {
            throw Catalog.userError(error, path: catalog.path)
        }
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

    private func run(stream: CSVStream, path: String, started: Double, bulk: Bool) throws -> ImportSummary {
        let db = catalog.db
        var recordNo = 0
        var preamble: [String] = []
        var layout: Layout?
        var diagnostics: [Diagnostic] = []
        var sourceID: Int64 = 0
        var rows = 0
        var products = 0
        var regions = Set<String>()
        var lastProductKey: [UInt8] = []
        var lastProductID: Int64 = 0
        // The ids of this import's products (inserted one after the other).
        var productRange: ClosedRange<Int64>?
        let preparer = ProductPreparer(path: path)
        let insertValue = try db.prepare(
            "INSERT INTO attribute_values(source_id, id, value) VALUES(:source_id, :id, :value)")
        let value = (
            source: try insertValue.parameter(":source_id"), id: try insertValue.parameter(":id"),
            value: try insertValue.parameter(":value")
        )
        let insertProduct = try db.prepare(
            """
            INSERT OR FAIL INTO products(source_id, product_key, sku, service, region, product_family, usage_type,
                                 usage_type_base, operation, attributes)
            VALUES(:source_id, :product_key, :sku, :service, :region, :product_family, :usage_type,
                   :usage_type_base, :operation, :attributes)
            """)
        // Named parameters, looked up once: binding by index in the loop costs what a `?` does.
        let product = try ProductParameters(insertProduct)
        let insertPrice = try db.prepare(
            """
            INSERT OR FAIL INTO prices(product_id, term_type, offer_term_code, rate_code, description, effective_date,
                               begin_range, end_range, unit, price, price_e10, currency, related_to,
                               lease_contract_length, purchase_option, offering_class)
            VALUES(:product_id, :term_type, :offer_term_code, :rate_code, :description, :effective_date,
                   :begin_range, :end_range, :unit, :price, :price_e10, :currency, :related_to,
                   :lease_contract_length, :purchase_option, :offering_class)
            """)
        let price = try PriceParameters(insertPrice)
        let offerCode = { preamble.count > 4 ? preamble[4] : "" }

        func fail(_ line: Int, _ message: String, hint: String? = nil) throws {
            diagnostics.append(Diagnostic(path: path, line: line, message: message, hint: hint))
            if diagnostics.count >= maxDiagnostics {
                diagnostics.append(Diagnostic(path: path, message: "too many errors; stopped after \(maxDiagnostics)"))
                throw UserError(diagnostics)
            }
        }

        let report: (Int) -> Void = { bytes in progress?(bytes, stream.fileSize, rows) }
        try stream.forEachRecord(progress: report, prepare: preparer.prepare) { rec, extra in
            recordNo += 1
            if recordNo <= 5 {
                let key = PriceListImporter.preambleKeys[recordNo - 1]
                guard rec.count >= 2, rec.string(0) == key else {
                    let found = rec.count > 0 ? rec.string(0).prefix(60) : ""
                    throw UserError(
                        path: path, line: rec.line,
                        "not an AWS Price List CSV: line \(rec.line) should be \"\(key)\",<value> but starts with \"\(found)\"",
                        hint:
                            "an AWS Price List CSV starts with 5 metadata lines (\"FormatVersion\",\"v1.0\" ... \"OfferCode\",...) and the header on line 6"
                    )
                }
                let value = rec.string(1)
                if recordNo == 1 && value != "v1.0" {
                    throw UserError(
                        path: path, line: rec.line, "unsupported price-list format version \"\(value)\" (expected v1.0)")
                }
                if recordNo == 3 && !PriceListImporter.isDate(rec.bytes(1)) {
                    throw UserError(
                        path: path, line: rec.line, "publication date \"\(value)\" is not an ISO-8601 date",
                        hint: "expected e.g. 2026-08-31T09:22:55Z")
                }
                if recordNo == 5 && value.isEmpty {
                    throw UserError(path: path, line: rec.line, "the OfferCode line has no value")
                }
                preamble.append(value)
                return
            }
            if recordNo == 6 {
                let header = (0..<rec.count).map { rec.string($0) }
                let l = try PriceListImporter.layout(header: header, path: path, line: rec.line)
                layout = l
                sourceID = try catalog.addSource(
                    kind: l.isSavingsPlan ? "savings-plan" : "price-list", path: path, offerCode: offerCode(),
                    formatVersion: preamble[0], publicationDate: preamble[2], version: preamble[3],
                    bytes: stream.fileSize, columns: l.attributeColumns.map { header[$0] })
                return
            }
            guard let l = layout else { return }
            if rec.count != l.names.count {
                try fail(
                    rec.line,
                    "row has \(rec.count) field\(rec.count == 1 ? "" : "s") but the header (line 6) has \(l.names.count)",
                    hint: rec.count < l.names.count
                        ? "a row cut short usually means a truncated download; re-download the file"
                        : "an unquoted comma inside a field? fields with commas must be quoted")
                return
            }
            let priceBytes = rec.bytes(l.field(.price))
            let parsedPrice: FixedDecimal
            switch FixedDecimal.parse(utf8: priceBytes) {
            case .success(let p): parsedPrice = p
            case .failure(let e):
                try fail(
                    rec.line,
                    "column \"\(l.names[l.field(.price)])\": \"\(rec.string(l.field(.price)).prefix(40))\" is not a price: \(e)")
                return
            }
            let unit = rec.bytes(l.field(.unit))
            if unit.isEmpty {
                try fail(rec.line, "column \"Unit\" is empty")
                return
            }
            let sku = rec.bytes(l.field(.sku))
            if sku.isEmpty {
                try fail(rec.line, "column \"SKU\" is empty")
                return
            }
            for role in [Role.begin, .end] where l.has(role) {
                let b = rec.bytes(l.field(role))
                if !b.isEmpty && !PriceListImporter.isRange(b) {
                    try fail(
                        rec.line,
                        "column \"\(l.names[l.field(role)])\": \"\(rec.string(l.field(role)).prefix(40))\" is not a number or Inf"
                    )
                    return
                }
            }
            if l.has(.begin) && l.has(.end) {
                let begin = rec.bytes(l.field(.begin))
                let end = rec.bytes(l.field(.end))
                if !begin.isEmpty && !end.isEmpty && PriceListImporter.rangeAbove(begin, end) {
                    try fail(
                        rec.line,
                        "tier starts above its end: \"\(l.names[l.field(.begin)])\" \(rec.string(l.field(.begin)).prefix(40)) > \"\(l.names[l.field(.end)])\" \(rec.string(l.field(.end)).prefix(40))",
                        hint: "a tier covers StartingRange up to EndingRange (Inf: no end); the file is damaged")
                    return
                }
            }
            let currency = rec.bytes(l.field(.currency))
            if !currency.isEmpty && !currency.elementsEqual("USD".utf8) {
                // The first row in another currency stops the file: it is not a USD price list.
                diagnostics.append(
                    Diagnostic(
                        path: path, line: rec.line,
                        message:
                            "prices in \(rec.string(l.field(.currency)).prefix(20)), not USD: orcha-cost plans in US dollars",
                        hint:
                            "AWS China (cn-north-1, cn-northwest-1) publishes CNY price lists; import the USD price list of a region instead"
                    ))
                throw UserError(diagnostics)
            }
            if l.has(.effectiveDate) {
                let b = rec.bytes(l.field(.effectiveDate))
                if !b.isEmpty && !PriceListImporter.isDate(b) {
                    try fail(
                        rec.line,
                        "column \"EffectiveDate\": \"\(rec.string(l.field(.effectiveDate)).prefix(40))\" is not a date (YYYY-MM-DD)"
                    )
                    return
                }
            }
            let termType = rec.bytes(l.field(.termType))
            if !l.isSavingsPlan && termType.isEmpty {
                try fail(rec.line, "column \"TermType\" is empty (expected OnDemand or Reserved)")
                return
            }
            if !diagnostics.isEmpty { return }  // keep validating, stop writing

            // Product: rows of one SKU are adjacent, so attributes are built once per SKU.
            let productKey = l.isSavingsPlan ? rec.bytes(l.field(.rateCode)) : sku
            if !productKey.elementsEqual(lastProductKey) {
                let region = PriceListImporter.region(rec, l)
                regions.insert(region)
                // The values, compactly (CompactAttributes), as the parsing thread encoded them
                // (ProductPreparer), after the values this product is the first to use.
                var at = 0
                guard var fresh = CompactAttributes.readVarint(extra, &at) else {
                    throw UserError(
                        path: path, line: rec.line, "internal error: the row's product was not prepared", status: .software)
                }
                while fresh > 0 {
                    guard let id = CompactAttributes.readVarint(extra, &at),
                        let n = CompactAttributes.readVarint(extra, &at), n <= extra.count - at
                    else {
                        throw UserError(
                            path: path, line: rec.line, "internal error: damaged attribute values", status: .software)
                    }
                    try insertValue.bind(value.source, sourceID)
                    try insertValue.bind(value.id, Int64(id))
                    try insertValue.bind(value.value, utf8: UnsafeRawBufferPointer(rebasing: extra[at..<(at + n)]))
                    try insertValue.run()
                    at += n
                    fresh -= 1
                }
                let attributes = UnsafeRawBufferPointer(rebasing: extra[at...])
                // A SKU seen earlier in the file, not just before, gets a product of its own here:
                // they are merged at the end (mergeDuplicateProducts), the first taking the rows.
                let usage = rec.string(l.field(.usageType))
                try insertProduct.reset()
                try insertProduct.bind(product.sourceID, sourceID)
                try insertProduct.bind(product.productKey, utf8: productKey)
                try insertProduct.bind(product.sku, utf8: sku)
                let service = rec.bytes(l.field(.serviceCode))
                if service.isEmpty {
                    try insertProduct.bind(product.service, offerCode())
                } else {
                    try insertProduct.bind(product.service, utf8: service)
                }
                try insertProduct.bind(product.region, region)
                try insertProduct.bind(product.productFamily, utf8: rec.bytes(l.field(.productFamily)), emptyIsNull: true)
                try insertProduct.bind(product.usageType, usage)
                try insertProduct.bind(
                    product.usageTypeBase,
                    PriceListImporter.isRegionCode(region) ? PriceListImporter.baseUsageType(usage, region: region) : usage)
                try insertProduct.bind(product.operation, utf8: rec.bytes(l.field(.operation)), emptyIsNull: true)
                try insertProduct.bind(product.attributes, blob: attributes)
                try insertProduct.run()
                lastProductID = db.lastInsertRowID
                productRange = (productRange?.lowerBound ?? lastProductID)...lastProductID
                products += 1
                lastProductKey.removeAll(keepingCapacity: true)
                lastProductKey.append(contentsOf: productKey)
            }
            try insertPrice.reset()
            try insertPrice.bind(price.productID, lastProductID)
            if l.isSavingsPlan {
                try insertPrice.bind(price.termType, "SavingsPlan")
                // "1" + "year" → "1yr", the Reserved spelling.
                var lease = rec.string(l.field(.lease))
                let u = rec.string(l.field(.leaseUnit))
                if !lease.isEmpty && (u == "year" || u == "years") { lease += "yr" }
                if lease.isEmpty { try insertPrice.bindNull(price.lease) } else { try insertPrice.bind(price.lease, lease) }
            } else {
                try insertPrice.bind(price.termType, utf8: termType)
                try insertPrice.bind(price.lease, utf8: rec.bytes(l.field(.lease)), emptyIsNull: true)
            }
            try insertPrice.bind(price.offerTermCode, utf8: rec.bytes(l.field(.offerTermCode)), emptyIsNull: true)
            try insertPrice.bind(price.rateCode, utf8: rec.bytes(l.field(.rateCode)), emptyIsNull: true)
            try insertPrice.bind(price.description, utf8: rec.bytes(l.field(.description)), emptyIsNull: true)
            try insertPrice.bind(price.effectiveDate, utf8: rec.bytes(l.field(.effectiveDate)), emptyIsNull: true)
            try insertPrice.bind(price.beginRange, utf8: rec.bytes(l.field(.begin)), emptyIsNull: true)
            try insertPrice.bind(price.endRange, utf8: rec.bytes(l.field(.end)), emptyIsNull: true)
            try insertPrice.bind(price.unit, utf8: unit)
            try insertPrice.bind(price.price, utf8: priceBytes)
            try insertPrice.bind(price.priceE10, parsedPrice.scaled)
            try insertPrice.bind(price.currency, utf8: rec.bytes(l.field(.currency)), emptyIsNull: true)
            try insertPrice.bind(price.relatedTo, utf8: rec.bytes(l.field(.relatedTo)), emptyIsNull: true)
            try insertPrice.bind(price.purchaseOption, utf8: rec.bytes(l.field(.purchaseOption)), emptyIsNull: true)
            try insertPrice.bind(price.offeringClass, utf8: rec.bytes(l.field(.offeringClass)), emptyIsNull: true)
            try insertPrice.run()
            rows += 1
        }
        let mayRepeatProductKeys = preparer.finishProductKeys()
        if recordNo < 6 {
            throw UserError(
                path: path, line: max(recordNo, 1),
                recordNo == 0
                    ? "empty file: not an AWS Price List CSV"
                    : "file ends after \(recordNo) lines: no header (line 6) and no prices",
                hint: "the file is truncated or is not a price list; re-download it")
        }
        if !diagnostics.isEmpty { throw UserError(diagnostics) }
        if rows == 0 {
            throw UserError(
                path: path, line: 6, "the price list has a header but no price rows",
                hint: "the file is truncated or was filtered to nothing; nothing was imported")
        }

        if bulk {
            // A small page cache while the indexes are built: SQLite sorts their keys in runs of
            // the cache's size (4 MB at least), and runs of 4 MB sort faster than one of 16 MB and
            // hold 20 MB less memory (measured: 0.36 against 0.44 s of CPU, 10 against 35 MB
            // peak, on 216,000 products).
            try db.execute("PRAGMA cache_size=-\(Catalog.indexBuildCacheKiB)")
            for index in Catalog.productIndexes {
                try db.execute("CREATE INDEX \(index.name) ON products \(index.columns)")
            }
        }
        // The parsing thread saw every product key: when none repeats, there is nothing to merge
        // (the check sorts every key of the import: 0.07 s of 216,000 products).
        if let productRange, mayRepeatProductKeys {
            // Its sort also runs in the small page cache (memory that does not grow with the file).
            if !bulk { try db.execute("PRAGMA cache_size=-\(Catalog.indexBuildCacheKiB)") }
            products -= try PriceListImporter.mergeDuplicateProducts(db, sourceID: sourceID, range: productRange)
            if !bulk { try db.execute("PRAGMA cache_size=-\(Catalog.cacheKiB)") }
        }

        // Replace earlier imports of the same offer and region: driven by the older sources (few),
        // whose products their id ranges hold, in set-wise deletes.
        var replaced = 0
        let olderSources = try db.prepare(
            """
            SELECT id FROM sources
            WHERE kind IN ('price-list', 'savings-plan') AND offer_code = :offer AND id != :source
            """)
        try olderSources.bind([":offer": .text(offerCode()), ":source": .int(sourceID)])
        var older: [Int64] = []
        while try olderSources.step() { older.append(olderSources.int(0)) }
        try olderSources.reset()
        let ofSource = "FROM sources s CROSS JOIN products p ON \(Catalog.productsOfSource) WHERE s.id = :source"
        let delPrices = try db.prepare(
            "DELETE FROM prices WHERE product_id IN (SELECT p.id \(ofSource) AND p.region = :region)")
        let delProducts = try db.prepare(
            "DELETE FROM products WHERE id IN (SELECT p.id \(ofSource) AND p.region = :region)")
        let delSource = try db.prepare(
            "DELETE FROM sources WHERE id = :source AND NOT EXISTS (SELECT 1 \(ofSource))")
        let delValues = try db.prepare(
            "DELETE FROM attribute_values WHERE source_id = :source AND NOT EXISTS (SELECT 1 FROM sources WHERE id = :source)")
        for id in older {
            for region in regions.sorted() {
                try delPrices.bind([":source": .int(id), ":region": .text(region)])
                try delPrices.run()
                replaced += db.changes
                try delProducts.bind([":source": .int(id), ":region": .text(region)])
                try delProducts.run()
            }
            try delSource.bind([":source": .int(id)])
            try delSource.run()
            try delValues.bind([":source": .int(id)])
            try delValues.run()
        }
        let upd = try db.prepare("UPDATE sources SET rows = :rows WHERE id = :source")
        try upd.bind([":rows": .int(Int64(rows)), ":source": .int(sourceID)])
        try upd.run()
        try catalog.setProductRange(source: sourceID, productRange)

        return ImportSummary(
            path: path, offerCode: offerCode(), publicationDate: preamble[2], version: preamble[3],
            kind: layout?.isSavingsPlan == true ? "savings-plan" : "price-list", rows: rows,
            products: products, regions: regions.sorted(), replacedRows: replaced,
            bytes: stream.fileSize, seconds: Clock.monotonicSeconds() - started)
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

/// The product work of an import that can run on the parsing thread, beside the SQLite inserts
/// (``CSVStream/RecordPreparer``): for each row that starts a product (its SKU, or for Savings
/// Plans its rate code, differs from the row before), the product's attributes in compact form
/// (``CompactAttributes``), after the attribute values it is the first to use:
///
///     varint  number of values new to the source; for each: varint id, varint length, its bytes
///     the attributes BLOB (the rest)
///
/// Other rows, the preamble, the header and rows of the wrong width get nothing (the consumer
/// reports those rows, and writes nothing once it has). Owned by the parsing thread until the
/// stream ends.
final class ProductPreparer: @unchecked Sendable {
    let path: String
    @exclusivity(unchecked) private var recordNo = 0
    @exclusivity(unchecked) private var layout: PriceListImporter.Layout?
    @exclusivity(unchecked) private var interner: AttributeInterner?
    @exclusivity(unchecked) private var lastProductKey: [UInt8] = []
    @exclusivity(unchecked) private var fresh: [UInt8] = []
    @exclusivity(unchecked) private var blob: [UInt8] = []
    @exclusivity(unchecked) private var seenKeys = KeyHashSet()

    /// Whether a product key may occur in two products of the file (a SKU whose rows are not
    /// adjacent, or two keys with the same 64-bit hash, or more keys than the set holds); false
    /// says no key repeats. Once the stream has ended: frees the set (before the index build).
    func finishProductKeys() -> Bool {
        seenKeys.release()
        return layout == nil || seenKeys.mayRepeat
    }

    init(path: String) {
        self.path = path
        fresh.reserveCapacity(4096)
        blob.reserveCapacity(4096)
    }

    func prepare(_ rec: CSVRecord, _ out: inout [UInt8]) {
        recordNo += 1
        if recordNo < 6 { return }
        if recordNo == 6 {
            // The consumer reports a header that is not one.
            let header = (0..<rec.count).map { rec.string($0) }
            if let l = try? PriceListImporter.layout(header: header, path: path, line: rec.line) {
                layout = l
                interner = AttributeInterner(columns: l.attributeColumns.count)
            }
            return
        }
        guard let l = layout, let interner, rec.count == l.names.count else { return }
        let productKey = rec.bytes(l.isSavingsPlan ? l.field(.rateCode) : l.field(.sku))
        if productKey.elementsEqual(lastProductKey) { return }
        lastProductKey.removeAll(keepingCapacity: true)
        lastProductKey.append(contentsOf: productKey)
        seenKeys.insert(productKey)
        fresh.removeAll(keepingCapacity: true)
        blob.removeAll(keepingCapacity: true)
        var freshCount = 0
        var skipped = 0
        for (k, i) in l.attributeColumns.enumerated() {
            let v = rec.bytes(i)
            if v.isEmpty {
                skipped += 1
                continue
            }
            CompactAttributes.appendVarint(skipped, to: &blob)
            skipped = 0
            if let (id, isNew) = interner.id(v, column: k) {
                if isNew {
                    CompactAttributes.appendVarint(id, to: &fresh)
                    CompactAttributes.appendVarint(v.count, to: &fresh)
                    fresh.append(contentsOf: v)
                    freshCount += 1
                }
                CompactAttributes.appendVarint(id << 1 | 1, to: &blob)
            } else {
                CompactAttributes.appendVarint(v.count << 1, to: &blob)
                blob.append(contentsOf: v)
            }
        }
        CompactAttributes.appendVarint(freshCount, to: &out)
        out.append(contentsOf: fresh)
        out.append(contentsOf: blob)
    }
}

/// The 64-bit hashes of the product keys of one file, on the parsing thread, to tell that no key
/// starts two products (then the import has nothing to merge). Open addressing; at most
/// ``maxSlots`` slots (4 MB, 393,216 keys: about 270 MB at one product per row): a file with more
/// products gives up, and is checked in SQL.
struct KeyHashSet {
    static let maxSlots = 1 << 19
    private var slots: [UInt64] = []
    private var count = 0
    /// A hash seen twice, or the set given up.
    private(set) var mayRepeat = false

    mutating func insert(_ key: UnsafeRawBufferPointer) {
        if mayRepeat { return }
        if slots.isEmpty { slots = [UInt64](repeating: 0, count: 1 << 14) }
        if (count + 1) * 4 > slots.count * 3 {
            if slots.count >= KeyHashSet.maxSlots {
                mayRepeat = true
                slots = []
                return
            }
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            for h in old where h != 0 { place(h) }
        }
        if !place(KeyHashSet.hash(key)) { mayRepeat = true }
        count += 1
    }

    /// Frees the slots (``mayRepeat`` stays).
    mutating func release() { slots = [] }

    /// Puts `h` in its slot; false when it is there already.
    @discardableResult private mutating func place(_ h: UInt64) -> Bool {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h >> 20) & mask
        while slots[i] != 0 {
            if slots[i] == h { return false }
            i = (i + 1) & mask
        }
        slots[i] = h
        return true
    }

    /// FNV-1a, then MurmurHash3's finaliser; never 0 (the empty slot).
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h == 0 ? 1 : h
    }
}
