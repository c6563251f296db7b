import CostModel
import FileIO
import SQLiteStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The reviewed price sheets in `pricing/<provider>/<region>.csv` (and `global.csv`): what
/// varies by region. What a key is (offer code, unit, Price List selector) is in the key registry,
/// `pricing/keys.csv`.
///
/// Columns: `price_key,unit_price,tier_start,tier_end,effective_date,quality,source`. Rows sharing
/// a key are the tiers of one price and must be contiguous. Every row needs a source.
public enum PriceSheets {
    public static let columns = ["price_key", "unit_price", "tier_start", "tier_end", "effective_date", "quality", "source"]

    /// Units a key may be priced in: the price is per one of these.
    public static let units: Set<String> = [
        "hour", "GB-month", "GB", "request", "LCU-hour", "ACU-hour", "vCPU-hour", "GB-hour", "GB-second", "IO", "month",
        "user-month", "MAU", "minute", "TB", "DPU-hour", "message", "term",
    ]

    /// How a sheet row knows its price (a sheet row is never `price-list`).
    public static let qualities: [PriceQuality] = [.sheet, .proxy, .estimate]

    /// One validated sheet row; service and unit come from the key registry.
    public struct Row: Sendable {
        public var region: String
        public var key: String
        public var service: String
        public var unit: String
        public var unitPriceText: String
        public var unitPrice: FixedDecimal
        public var tierStart: String
        public var tierEnd: String
        public var effectiveDate: String
        public var quality: PriceQuality
        public var source: String
        public var path: String
        public var line: Int
    }

    /// The sheet files under `directory` (`pricing/`), sorted: `aws/eu-central-1.csv`, ...
    public static func files(in directory: String) throws -> [String] {
        var result: [String] = []
        guard let dir = opendir(directory) else {
            throw UserError(
                path: directory, "price sheet directory not found",
                hint: "run from the orcha-cost checkout, or pass --pricing DIR (or set ORCHA_COST_PRICING)",
                status: .noInput)
        }
        defer { closedir(dir) }
        var providers: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if !name.hasPrefix(".") && entry.pointee.d_type == DT_DIR { providers.append(name) }
        }
        for provider in providers.sorted() {
            guard let sub = opendir(directory + "/" + provider) else { continue }
            defer { closedir(sub) }
            while let entry = readdir(sub) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                }
                if name.hasSuffix(".csv") && !name.hasPrefix(".") { result.append(directory + "/" + provider + "/" + name) }
            }
        }
        return result.sorted()
    }

    static func region(ofFile path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return String(name.dropLast(4))
    }

    /// Reads and validates every sheet against the key registry; returns all rows or throws every
    /// problem found.
    public static func load(files: [String], registry: KeyRegistry) throws -> [Row] {
        var rows: [Row] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let region = region(ofFile: file)
            let stream = try CSVStream(path: file, hints: .pricingSheet)
            var header: [String]?
            var index: [String: Int] = [:]
            do {
                try stream.forEachRecord { rec in
                    guard header != nil else {
                        let names = (0..<rec.count).map { rec.string($0) }
                        header = names
                        for (i, n) in names.enumerated() { index[n] = i }
                        let missing = columns.filter { index[$0] == nil }
                        let unknown = names.filter { !columns.contains($0) }
                        if !missing.isEmpty || !unknown.isEmpty {
                            var parts: [String] = []
                            if !missing.isEmpty { parts.append("missing column(s) \(missing.joined(separator: ", "))") }
                            if !unknown.isEmpty { parts.append("unknown column(s) \(unknown.joined(separator: ", "))") }
                            throw UserError(
                                path: file, line: rec.line, "bad header: " + parts.joined(separator: "; "),
                                hint: "the header must be: " + columns.joined(separator: ",")
                                    + " (offer code, unit and Price List selector are in \(KeyRegistry.fileName))")
                        }
                        return
                    }
                    func col(_ name: String) -> String { rec.string(index[name]!) }
                    func problem(_ column: String, _ message: String, hint: String? = nil) {
                        diagnostics.append(
                            Diagnostic(
                                path: file, line: rec.line, column: nil,
                                message: "column '\(column)': \(message)", hint: hint))
                    }
                    guard rec.count == columns.count else {
                        diagnostics.append(
                            Diagnostic(
                                path: file, line: rec.line,
                                message: "row has \(rec.count) fields, the header has \(columns.count)",
                                hint: "quote fields that contain commas"))
                        return
                    }
                    let key = col("price_key")
                    var ok = true
                    var unit = ""
                    var service = ""
                    if key.isEmpty || !key.allSatisfy({ $0.isLowercase || $0.isNumber || "._-".contains($0) }) {
                        problem("price_key", "'\(key)' is not a key (lower-case letters, digits, '.', '_', '-')")
                        ok = false
                    } else if let base = registry.baseSelector(of: key), let u = registry.unit(of: key) {
                        unit = u
                        service = base.service
                        if base.isGlobal != (region == "global") {
                            problem(
                                "price_key",
                                base.isGlobal
                                    ? "'\(key)' is a global key (scope global in \(KeyRegistry.fileName)): price it in global.csv"
                                    : "'\(key)' is a regional key: price it in a region's sheet, not global.csv")
                            ok = false
                        }
                    } else {
                        let guess = Spelling.didYouMean(key, in: registry.patterns)
                        problem(
                            "price_key", "'\(key)' is not in the key registry.\(guess)",
                            hint: "define the key once in pricing/\(KeyRegistry.fileName) (offer code, unit, usage type, match)")
                        ok = false
                    }
                    let priceText = col("unit_price")
                    var price = FixedDecimal.zero
                    switch FixedDecimal.parse(priceText) {
                    case .success(let p): price = p
                    case .failure(let e):
                        problem("unit_price", "'\(priceText)': \(e)")
                        ok = false
                    }
                    let start = col("tier_start")
                    let end = col("tier_end")
                    if !start.isEmpty, case .failure(let e) = Quantity.parse(start) {
                        problem("tier_start", "'\(start)': \(e)")
                        ok = false
                    }
                    if !end.isEmpty, case .failure(let e) = Quantity.parse(end) {
                        problem("tier_end", "'\(end)': \(e)")
                        ok = false
                    }
                    let date = col("effective_date")
                    if !isCalendarDate(date) {
                        problem("effective_date", "'\(date)' is not a date YYYY-MM-DD")
                        ok = false
                    }
                    let qualityText = col("quality")
                    let quality = PriceQuality(rawValue: qualityText).flatMap { qualities.contains($0) ? $0 : nil }
                    if quality == nil {
                        problem(
                            "quality", "'\(qualityText)' must be sheet, proxy or estimate",
                            hint:
                                "sheet: a sourced price of this region; proxy: another region's price; estimate: a seed or hand figure"
                        )
                        ok = false
                    }
                    if col("source").trimmingSpaces.isEmpty {
                        problem(
                            "source", "every price needs a source",
                            hint: "say where the number comes from (page, file, commit, date)")
                        ok = false
                    }
                    if ok, let quality {
                        rows.append(
                            Row(
                                region: region, key: key, service: service, unit: unit, unitPriceText: priceText,
                                unitPrice: price, tierStart: start.isEmpty ? "0" : start, tierEnd: end,
                                effectiveDate: date, quality: quality, source: col("source"), path: file, line: rec.line))
                    }
                }
            } catch let error as UserError {
                diagnostics.append(contentsOf: error.diagnostics)
            }
            if header == nil && !diagnostics.contains(where: { $0.path == file }) {
                diagnostics.append(
                    Diagnostic(
                        path: file, line: 1, message: "empty price sheet",
                        hint: "add the header line: " + columns.joined(separator: ",")))
            }
        }
        diagnostics.append(contentsOf: checkTiers(rows))
        if !diagnostics.isEmpty { throw UserError(diagnostics) }
        return rows
    }

    /// Tiers of one key in one region must start at 0, follow each other without gap or overlap,
    /// only the last may be open-ended.
    static func checkTiers(_ rows: [Row]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var groups: [String: [Row]] = [:]
        var order: [String] = []
        for row in rows {
            let id = row.region + "\u{0}" + row.key
            if groups[id] == nil { order.append(id) }
            groups[id, default: []].append(row)
        }
        for id in order {
            let tiers = groups[id]!
            let first = tiers[0]
            func bad(_ row: Row, _ message: String) {
                diagnostics.append(Diagnostic(path: row.path, line: row.line, message: "price '\(row.key)': " + message))
            }
            // A free allowance: one bounded row at price 0 (see pricing/README.md).
            if first.key.contains(".free_tier.") {
                if tiers.count != 1 || first.unitPrice != .zero || first.tierEnd.isEmpty || first.tierStart != "0" {
                    bad(
                        first, "a free-tier allowance is one row with unit_price 0, tier_start 0 and tier_end = the free quantity"
                    )
                }
                continue
            }
            // Duplicates first: a second row for the same tier start.
            var seen: [String: Row] = [:]
            var tiersInOrder: [Row] = []
            for row in tiers {
                if let earlier = seen[row.tierStart] {
                    bad(row, "duplicate row for tier starting at \(row.tierStart) (also line \(earlier.line))")
                } else {
                    seen[row.tierStart] = row
                    tiersInOrder.append(row)
                }
            }
            var expected = Quantity.zero
            for (i, row) in tiersInOrder.enumerated() {
                let start = (try? Quantity.parse(row.tierStart).get()) ?? .zero
                if start != expected {
                    if i == 0 {
                        bad(row, "the first tier must start at 0, not \(row.tierStart)")
                    } else {
                        let previous = tiersInOrder[i - 1].tierEnd
                        bad(
                            row,
                            "tier starts at \(row.tierStart) but the previous tier ends at \(previous.isEmpty ? "infinity" : previous): tiers must be contiguous and in order"
                        )
                    }
                }
                if row.tierEnd.isEmpty {
                    if i != tiersInOrder.count - 1 {
                        bad(row, "only the last tier may have an empty tier_end (open-ended)")
                    }
                } else if let end = try? Quantity.parse(row.tierEnd).get() {
                    if end <= start { bad(row, "tier_end \(row.tierEnd) is not above tier_start \(row.tierStart)") }
                    expected = end
                    if i == tiersInOrder.count - 1 {
                        bad(row, "the last tier must be open-ended (empty tier_end), or usage above \(row.tierEnd) has no price")
                    }
                }
            }
        }
        return diagnostics
    }

    static func isCalendarDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return false }
        for i in [0, 1, 2, 3, 5, 6, 8, 9] where u[i] < 48 || u[i] > 57 { return false }
        let month = Int(u[5] - 48) * 10 + Int(u[6] - 48)
        let day = Int(u[8] - 48) * 10 + Int(u[9] - 48)
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// FNV-1a over file names and contents: changes whenever a sheet changes.
    public static func fingerprint(files: [String]) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x100_0000_01b3
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { buffer.deallocate() }
        for file in files {
            for b in file.utf8 { hash = (hash ^ UInt64(b)) &* prime }
            hash = hash &* prime
            let fd = open(file, O_RDONLY)
            guard fd >= 0 else { throw UserError(path: file, "cannot read price sheet", status: .noInput) }
            defer { close(fd) }
            while true {
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n <= 0 { break }
                for b in UnsafeRawBufferPointer(rebasing: buffer[0..<n]) { hash = (hash ^ UInt64(b)) &* prime }
            }
        }
        return "v\(Catalog.schemaVersion)-" + String(hash, radix: 16)
    }
}

extension Catalog {
    /// Loads the key registry (`keys.csv`) and the sheets in `pricingDirectory` when the catalog has
    /// none or they changed since the last load. Runs in one transaction; imported price lists are
    /// kept. Returns true when it (re)loaded.
    @discardableResult
    public func refreshSheets(pricingDirectory: String) throws -> Bool {
        let files = try PriceSheets.files(in: pricingDirectory)
        if files.isEmpty {
            throw UserError(
                path: pricingDirectory, "no price sheets (*.csv) found under \(pricingDirectory)/<provider>/",
                status: .noInput)
        }
        let registryPath = pricingDirectory + "/" + KeyRegistry.fileName
        if access(registryPath, R_OK) != 0 {
            throw UserError(
                path: registryPath, "cannot read the key registry: \(String(cString: strerror(errno)))",
                hint:
                    "every price key is defined once in \(KeyRegistry.fileName) beside the region sheets (see pricing/README.md)",
                status: .noInput)
        }
        let fingerprint = try PriceSheets.fingerprint(files: [registryPath] + files)
        do {
            if try meta("sheets_fingerprint") == fingerprint { return false }
            let registry = try KeyRegistry.load(path: registryPath)
            let rows = try PriceSheets.load(files: files, registry: registry)
            return try db.transaction {
                // Another process may have loaded them while we waited for the lock.
                if try meta("sheets_fingerprint") == fingerprint { return false }
                try db.execute(
                    """
                    DELETE FROM prices WHERE product_id IN (SELECT p.id FROM sources s CROSS JOIN products p ON \(Catalog.productsOfSource) WHERE s.kind = 'sheet');
                    DELETE FROM products WHERE id IN (SELECT p.id FROM sources s CROSS JOIN products p ON \(Catalog.productsOfSource) WHERE s.kind = 'sheet');
                    DELETE FROM sources WHERE kind = 'sheet';
                    DELETE FROM price_keys;
                    """)
                let insertKey = try db.prepare(
                    "INSERT INTO price_keys(pattern, service, unit, usage_type, match, scope, description) VALUES(?, ?, ?, ?, ?, ?, ?)"
                )
                for d in registry.definitions {
                    try insertKey.bind([
                        .text(d.pattern), .text(d.service), .text(d.unit), .text(d.usageType), .text(d.match),
                        .text(d.isGlobal ? "global" : "regional"), .text(d.description),
                    ])
                    try insertKey.run()
                }
                var sourceIDs: [String: Int64] = [:]
                let base = pricingDirectory.split(separator: "/").last.map(String.init) ?? "pricing"
                for file in files {
                    let shown = base + "/" + file.dropFirst(pricingDirectory.count).drop { $0 == "/" }
                    sourceIDs[file] = try addSource(
                        kind: "sheet", path: shown, offerCode: nil, formatVersion: nil,
                        publicationDate: nil, version: nil, bytes: 0, columns: [])
                }
                let insertProduct = try db.prepare(
                    """
                    INSERT INTO products(source_id, product_key, sku, service, region, product_family, usage_type,
                                         usage_type_base, operation, attributes)
                    VALUES(?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, '{}')
                    """)
                let insertPrice = try db.prepare(
                    """
                    INSERT INTO prices(product_id, term_type, description, effective_date, begin_range, end_range, unit,
                                       price, price_e10, currency, source_note, quality)
                    VALUES(?, 'Sheet', ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?)
                    """)
                var productIDs: [String: Int64] = [:]
                var counts: [String: Int] = [:]
                var ranges: [String: ClosedRange<Int64>] = [:]
                for row in rows {
                    let id = row.region + "\u{0}" + row.key
                    let productID: Int64
                    if let existing = productIDs[id] {
                        productID = existing
                    } else {
                        try insertProduct.bind([
                            .int(sourceIDs[row.path]!), .text(row.key), .text(row.key), .text(row.service), .text(row.region),
                        ])
                        try insertProduct.run()
                        productID = db.lastInsertRowID
                        productIDs[id] = productID
                        let range = ranges[row.path] ?? productID...productID
                        ranges[row.path] = min(range.lowerBound, productID)...max(range.upperBound, productID)
                    }
                    let description = registry.baseSelector(of: row.key)?.description ?? ""
                    try insertPrice.bind([
                        .int(productID), .text(description), .text(row.effectiveDate),
                        .text(row.tierStart), row.tierEnd.isEmpty ? .text("Inf") : .text(row.tierEnd),
                        .text(row.unit), .text(row.unitPriceText), .int(row.unitPrice.scaled),
                        .text(row.source), .text(row.quality.rawValue),
                    ])
                    try insertPrice.run()
                    counts[row.path, default: 0] += 1
                }
                let upd = try db.prepare("UPDATE sources SET rows = ? WHERE id = ?")
                for (file, id) in sourceIDs {
                    try upd.bind([.int(Int64(counts[file] ?? 0)), .int(id)])
                    try upd.run()
                    try setProductRange(source: id, ranges[file])
                }
                try setMeta("sheets_fingerprint", fingerprint)
                return true
            }
        } catch let error as SQLiteError {
            throw Catalog.userError(error, path: path)
        }
    }

    /// The key registry the catalog was last loaded with.
    public func registry() throws -> KeyRegistry {
        let st = try db.prepare(
            "SELECT pattern, service, unit, usage_type, match, scope, description FROM price_keys ORDER BY rowid")
        var definitions: [PriceKeyDefinition] = []
        while try st.step() {
            definitions.append(
                PriceKeyDefinition(
                    pattern: st.text(0) ?? "", service: st.text(1) ?? "", unit: st.text(2) ?? "", usageType: st.text(3) ?? "",
                    match: st.text(4) ?? "", isGlobal: st.text(5) == "global", description: st.text(6) ?? ""))
        }
        return KeyRegistry(definitions)
    }
}

extension String {
    var trimmingSpaces: Substring {
        let s = drop { $0 == " " || $0 == "\t" }
        return s.dropLast(s.reversed().prefix { $0 == " " || $0 == "\t" }.count)
    }
}
