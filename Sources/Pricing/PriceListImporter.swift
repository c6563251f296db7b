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
