import CostModel
import FileIO
import Foundation

/// Actual spend read from AWS bills: Cost and Usage Report CSVs (legacy `lineItem/UnblendedCost`
/// columns and CUR 2.0 `line_item_unblended_cost` columns) and FOCUS CSVs (`BilledCost`). Files
/// are streamed with libcsv and summed per month and service (AWS offer code, e.g. `AmazonEC2`),
/// exactly, at 10 decimals. A file either loads whole or not at all.
public struct Actuals: Sendable {
    public enum Format: String, Sendable {
        case curLegacy = "CUR legacy"
        case cur2 = "CUR 2.0"
        case focus = "FOCUS"
    }

    /// What one loaded file held.
    public struct FileSummary: Sendable {
        public var path: String
        public var format: Format
        public var rows: Int
        public var currency: String
        public var months: [String]
        /// Fingerprint of the file's content (``CSVStream/fingerprint``).
        public var fingerprint: String
        /// Spend of the file, in units of 10^-10 USD.
        public var total: Int128
        /// Rows of other providers than AWS (a FOCUS file of several clouds), by provider name,
        /// left out of the spend.
        public var skipped: [String: Int] = [:]
        /// FOCUS service names without a known AWS offer code, kept as written.
        public var unknownServices: [String] = []

        public init(
            path: String, format: Format, rows: Int, currency: String, months: [String], fingerprint: String, total: Int128,
            skipped: [String: Int] = [:], unknownServices: [String] = []
        ) {
            self.path = path
            self.format = format
            self.rows = rows
            self.currency = currency
            self.months = months
            self.fingerprint = fingerprint
            self.total = total
            self.skipped = skipped
            self.unknownServices = unknownServices
        }

        /// Rows of other providers skipped, e.g. `58 rows of other providers skipped (Microsoft 51,
        /// Oracle 7)`; nil when none were.
        public var skippedNote: String? {
            let count = skipped.values.reduce(0, +)
            guard count > 0 else { return nil }
            let each = skipped.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
            return "\(count) row\(count == 1 ? "" : "s") of other providers skipped (\(each.joined(separator: ", ")))"
        }

        /// Notes for stderr: rows of other providers skipped, service names kept as written.
        public var notes: [String] {
            var notes: [String] = []
            if let skippedNote { notes.append("note: \(path): \(skippedNote); only AWS spend is read") }
            if !unknownServices.isEmpty {
                notes.append(
                    "note: \(path): service name\(unknownServices.count == 1 ? "" : "s") without a known AWS offer code, kept as written: "
                        + unknownServices.joined(separator: ", "))
            }
            return notes
        }
    }

    /// What bill lines are summed by: usage day, service, region and cost-allocation tags.
    public struct LineKey: Hashable, Sendable {
        /// `YYYY-MM`.
        public var month: String
        public var day: Int
        /// AWS offer code (`AmazonEC2`).
        public var service: String
        /// Region code, empty when the bill has none for the line.
        public var region: String
        /// Cost-allocation tags as a JSON object with sorted keys, keys lower-cased and without
        /// the `user:` / `user_` prefix (`{"project":"orcha","tenant":"acme"}`); `{}` for none.
        public var tags: String

        public init(month: String, day: Int, service: String, region: String, tags: String) {
            self.month = month
            self.day = day
            self.service = service
            self.region = region
            self.tags = tags
        }
    }

    /// Cost per month (`YYYY-MM`) and service, in units of 10^-10 USD.
    var cost: [String: [String: Int128]] = [:]
    /// Latest usage day (1-31) seen in each month.
    public private(set) var lastDay: [String: Int] = [:]
    public private(set) var files: [FileSummary] = []
    /// Spend per day, service, region and tags, in units of 10^-10 USD.
    public private(set) var lines: [LineKey: Int128] = [:]

    public init() {}

    /// Charges and credits of each month, without their signs, in units of 10^-10 USD: every
    /// sum of a month's amounts (any service, tag scope or file) is at most this.
    public private(set) var magnitude: [String: Int128] = [:]

    /// The most a month's charges and credits may add up to, without their signs, in 10^-10
    /// USD: 922,337,203.69 USD, the largest per-day spend the data store holds (a signed
    /// 64-bit count of 10^-10 USD). Every total, variance and forecast then fits.
    public static let largestMonthlySpend = Int128(Int64.max)

    /// Whether a month's charges and credits, without their signs, would still fit
    /// ``largestMonthlySpend`` with `extra` more.
    public func fits(month: String, adding extra: Int128) -> Bool {
        (magnitude[month] ?? 0) + extra <= Actuals.largestMonthlySpend
    }

    /// Adds summed spend (from the data store); the caller checks ``fits(month:adding:)``.
    public mutating func add(_ key: LineKey, amount: Int128) {
        lines[key, default: 0] += amount
        cost[key.month, default: [:]][key.service, default: 0] += amount
        magnitude[key.month, default: 0] += Int128(clamping: amount.magnitude)
        lastDay[key.month] = max(lastDay[key.month] ?? 0, key.day)
    }

    /// The spend of the lines whose cost-allocation tags (keys lower-cased, without `user:`)
    /// satisfy `keep`, e.g. ``Budget/matches(tags:)`` for a budget scoped by tag or tenant. The
    /// files and the days the bills cover stay those of all the bills (a forecast still counts
    /// the days billed, whether or not the scope had spend on the last of them).
    public func filtered(tags keep: ([String: String]) -> Bool) -> Actuals {
        var out = Actuals()
        var verdict: [String: Bool] = [:]
        for (key, amount) in lines {
            let ok: Bool
            if let known = verdict[key.tags] {
                ok = known
            } else {
                ok = keep(Actuals.tags(json: key.tags) ?? [:])
                verdict[key.tags] = ok
            }
            if ok { out.add(key, amount: amount) }
        }
        out.lastDay = lastDay
        out.files = files
        for month in cost.keys where out.cost[month] == nil { out.cost[month] = [:] }
        return out
    }

    /// Records a file whose lines were added with ``add(_:amount:)``.
    public mutating func addFile(_ summary: FileSummary) { files.append(summary) }

    /// Months with spend, oldest first.
    public var months: [String] { cost.keys.sorted() }

    /// Throws a usage error naming the months the bills cover when `month` is not one of them.
    public func requireMonth(_ month: String) throws {
        guard cost[month] == nil else { return }
        throw UserError(
            message: months.isEmpty
                ? "the bills hold no spend"
                : "the bills hold no spend for \(month) (they cover \(months.joined(separator: ", ")))",
            status: .usage)
    }

    /// Services with spend in a month, by offer code.
    public func services(month: String) -> [String] { (cost[month] ?? [:]).keys.sorted() }

    /// Spend of a month, for one service or all, rounded half away from zero to the micro-dollar.
    public func total(month: String, service: String? = nil) -> Money {
        let byService = cost[month] ?? [:]
        let sum = service.map { byService[$0] ?? 0 } ?? byService.values.reduce(0, +)
        return Money.rounded(sum, scale: 10)
    }

    /// Column names of each format: cost, usage start, service code, currency.
    static let columns: [(Format, cost: String, start: String, service: String, currency: String)] = [
        (.curLegacy, "lineItem/UnblendedCost", "lineItem/UsageStartDate", "lineItem/ProductCode", "lineItem/CurrencyCode"),
        (.cur2, "line_item_unblended_cost", "line_item_usage_start_date", "line_item_product_code", "line_item_currency_code"),
        (.focus, "BilledCost", "ChargePeriodStart", "ServiceName", "BillingCurrency"),
    ]

    /// Optional columns of each format: region, and tags (a JSON object column; for the legacy
    /// CUR, one `resourceTags/KEY` column per tag instead).
    static let optionalColumns: [Format: (region: String, tags: String)] = [
        .curLegacy: ("product/region", ""), .cur2: ("product_region_code", "resource_tags"), .focus: ("RegionId", "Tags"),
    ]

    /// FOCUS columns naming the provider of a row, by precedence (FOCUS 1.3 renamed
    /// ProviderName to ServiceProviderName; PublisherName is the last resort).
    static let providerColumns = ["ServiceProviderName", "ProviderName", "PublisherName"]

    /// Whether a FOCUS provider name is AWS: `AWS`, `Amazon Web Services`, or a seller of record
    /// such as `Amazon Web Services, Inc.` or `Amazon Web Services EMEA SARL`.
    public static func isAWS(provider: String) -> Bool {
        let p = provider.lowercased()
        return p == "aws" || p.hasPrefix("amazon web services")
    }

    /// A nullable field: `NULL` (as the FinOps Foundation's FOCUS sample data writes nulls) is empty.
    static func nullable(_ text: String) -> String { text == "NULL" ? "" : text }

    /// A tag key as budgets name it: lower case, without `user:` (CUR, FOCUS) or `user_` (CUR 2.0).
    public static func tagKey(_ raw: String) -> String {
        let k = raw.lowercased()
        for prefix in ["user:", "user_"] where k.hasPrefix(prefix) { return String(k.dropFirst(prefix.count)) }
        return k
    }

    /// Canonical JSON of a tag map: sorted keys, empty values left out.
    static func canonicalTags(_ tags: [String: String]) -> String {
        "{"
            + tags.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { JSON.quote($0.key) + ":" + JSON.quote($0.value) }
            .joined(separator: ",") + "}"
    }

    /// Tags of a JSON object column (CUR 2.0 `resource_tags`, FOCUS `Tags`); nil when the text
    /// is not a JSON object of strings.
    static func tags(json text: String) -> [String: String]? {
        if text.isEmpty || text == "NULL" { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        var tags: [String: String] = [:]
        for (k, v) in object {
            if let s = v as? String {
                tags[tagKey(k)] = s
            } else if let n = v as? NSNumber {
                tags[tagKey(k)] = n.stringValue
            } else if !(v is NSNull) {
                return nil
            }
        }
        return tags
    }

    /// Loads one bill file. The currency must be `currency` (the scenario's); a file already
    /// loaded is refused (its spend would count twice). Dates must be plausible
    /// (``PlausibleDates``); a month's charges and credits must fit ``largestMonthlySpend``.
    /// In a FOCUS file of several providers, only AWS rows are read (the others are counted in
    /// the summary's ``FileSummary/skipped``); `NULL` is a null in the nullable columns.
    public mutating func load(path: String, currency expected: String = "USD") throws {
        if files.contains(where: { $0.path == path }) {
            throw UserError(path: path, "this bill is given twice; its spend would be counted twice", hint: "pass each file once")
        }
        let stream = try CSVStream(path: path, hints: .bill)
        var format: Format?
        var index = (cost: -1, start: -1, service: -1, currency: -1, serviceCode: -1)
        var header: [String] = []
        var local: [LineKey: Int128] = [:]
        var regionColumn = -1
        var tagsColumn = -1
        var providerColumn = -1
        var tagColumns: [(Int, String)] = []
        var tagCache: [String: String] = [:]
        var serviceCache: [String: String] = [:]
        var unknownServices: [String] = []
        var skipped: [String: Int] = [:]
        var total: Int128 = 0
        var magnitudes: [String: Int128] = [:]
        var currency: String?
        var rows = 0
        // Dates are checked against the plausible range once per distinct date.
        let earliestDay = "2006-01-01"
        let latestDay = PlausibleDates.day(PlausibleDates.latest())
        var lastGoodDate: [UInt8] = []
        func fail(_ r: CSVRecord, _ column: Int, _ message: String, hint: String) -> UserError {
            UserError(path: path, line: r.line, "column \"\(header[column])\": \(message)", hint: hint)
        }
        try stream.forEachRecord { r in
            guard let found = format else {
                header = (0..<r.count).map { r.string($0) }
                guard let layout = Actuals.columns.first(where: { header.contains($0.cost) }) else {
                    throw UserError(
                        path: path, line: r.line,
                        "not a bill: no lineItem/UnblendedCost (CUR), line_item_unblended_cost (CUR 2.0) or BilledCost (FOCUS) column",
                        hint: "export a Cost and Usage Report or a FOCUS report as CSV (plain or gzip)")
                }
                var missing: [String] = []
                func column(_ name: String) -> Int {
                    if let i = header.firstIndex(of: name) { return i }
                    missing.append(name)
                    return -1
                }
                index = (
                    column(layout.cost), column(layout.start), column(layout.service), column(layout.currency),
                    header.firstIndex(of: "x_ServiceCode") ?? -1
                )
                if !missing.isEmpty {
                    throw UserError(
                        path: path, line: r.line,
                        "\(layout.0.rawValue) file without column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))",
                        hint: "export the report with its standard columns")
                }
                format = layout.0
                var read = [layout.cost, layout.start, layout.service, layout.currency, "x_ServiceCode"]
                if let optional = Actuals.optionalColumns[layout.0] {
                    regionColumn = header.firstIndex(of: optional.region) ?? -1
                    tagsColumn = optional.tags.isEmpty ? -1 : header.firstIndex(of: optional.tags) ?? -1
                    read += [optional.region, optional.tags]
                }
                if layout.0 == .focus {
                    providerColumn = Actuals.providerColumns.lazy.compactMap { header.firstIndex(of: $0) }.first ?? -1
                    read += Actuals.providerColumns
                }
                // A column the bill is read from may appear once: with two BilledCost columns,
                // which one is the bill's is a guess.
                for name in read where !name.isEmpty {
                    let at = header.indices.filter { header[$0] == name }
                    if at.count > 1 {
                        throw UserError(
                            path: path, line: r.line, column: at[1] + 1,
                            "column \"\(name)\" appears \(at.count) times (fields \(at.map { String($0 + 1) }.joined(separator: ", "))): which one holds the bill is ambiguous",
                            hint: "export the report again, or remove the extra column")
                    }
                }
                if layout.0 == .curLegacy {
                    tagColumns = header.enumerated().filter { $0.element.hasPrefix("resourceTags/") }.map {
                        ($0.offset, Actuals.tagKey(String($0.element.dropFirst("resourceTags/".count))))
                    }
                }
                return
            }
            if r.count != header.count {
                throw UserError(
                    path: path, line: r.line, "row has \(r.count) fields, the header has \(header.count)",
                    hint: "the file is damaged or was cut; export it again")
            }
            if providerColumn >= 0 {
                let provider = Actuals.nullable(r.string(providerColumn))
                if !Actuals.isAWS(provider: provider) {
                    skipped[provider.isEmpty ? "(no provider)" : provider, default: 0] += 1
                    return
                }
            }
            rows += 1
            let amount = try Actuals.amount(r.bytes(index.cost)).get(
                or: fail(
                    r, index.cost, "\"\(r.string(index.cost).prefix(40))\" is not an amount",
                    hint: "amounts are decimals such as 0.0384, -1.5 or 1.2E-7"))
            let start = r.bytes(index.start)
            guard let (month, day) = Actuals.monthAndDay(start) else {
                throw fail(
                    r, index.start, "\"\(r.string(index.start).prefix(40))\" is not a date",
                    hint: "usage dates start YYYY-MM-DD (e.g. 2026-10-01T00:00:00Z)")
            }
            if !start.prefix(10).elementsEqual(lastGoodDate) {
                let date = String(decoding: start.prefix(10), as: UTF8.self)
                if date < earliestDay || date > latestDay {
                    let problem =
                        date < earliestDay
                        ? PlausibleDates.problem(PlausibleDates.earliest - 1, latest: 0)!
                        : "is after \(latestDay), a day past today (a placeholder or a mistyped year?)"
                    throw fail(r, index.start, "\"\(r.string(index.start).prefix(40))\" \(problem)", hint: PlausibleDates.hint)
                }
                lastGoodDate = Array(start.prefix(10))
            }
            let code = r.string(index.currency)
            if currency == nil {
                if code != expected {
                    throw fail(
                        r, index.currency, "bill currency \(code.isEmpty ? "(empty)" : code), the scenario is in \(expected)",
                        hint: "orcha-cost does not convert currencies; compare with a bill in \(expected)")
                }
                currency = code
            } else if code != currency {
                throw fail(r, index.currency, "currency changes from \(currency!) to \(code)", hint: "one bill, one currency")
            }
            // Every sum of the month's amounts (per service, per tag scope, with other files)
            // stays below the largest amount: checked on the amounts without their signs.
            let month0 = magnitudes[month] ?? 0
            if !fits(month: month, adding: month0 + Int128(clamping: amount.magnitude)) {
                throw UserError(
                    path: path, line: r.line, column: index.cost + 1,
                    "column \"\(header[index.cost])\": the charges and credits of \(month) add up to more than 922,337,203.68 USD, which exceeds the largest amount orcha-cost can represent",
                    hint: "split the bill or check the amount on this row (a unit or decimal-point mix-up?)")
            }
            magnitudes[month] = month0 + Int128(clamping: amount.magnitude)
            var service = index.serviceCode >= 0 ? Actuals.nullable(r.string(index.serviceCode)) : ""
            if service.isEmpty {
                service = Actuals.nullable(r.string(index.service))
                if found == .focus && !service.isEmpty {
                    if let known = serviceCache[service] {
                        service = known
                    } else {
                        let code = AWSServiceNames.offerCode(name: service)
                        if code == nil { unknownServices.append(service) }
                        serviceCache[service] = code ?? service
                        service = code ?? service
                    }
                }
            }
            if service.isEmpty { service = "(no service)" }
            var tags = "{}"
            if tagsColumn >= 0 {
                let raw = r.string(tagsColumn)
                if let known = tagCache[raw] {
                    tags = known
                } else {
                    guard let parsed = Actuals.tags(json: raw) else {
                        throw fail(
                            r, tagsColumn, "\"\(raw.prefix(40))\" is not a JSON object of tags",
                            hint: "tags are written {\"user:Project\": \"orcha\"}; export the report again")
                    }
                    tags = Actuals.canonicalTags(parsed)
                    tagCache[raw] = tags
                }
            } else if !tagColumns.isEmpty {
                var parsed: [String: String] = [:]
                for (i, key) in tagColumns { parsed[key] = r.string(i) }
                tags = Actuals.canonicalTags(parsed)
            }
            let key = LineKey(
                month: month, day: day, service: service,
                region: regionColumn >= 0 ? Actuals.nullable(r.string(regionColumn)) : "", tags: tags)
            local[key, default: 0] += amount
            total += amount
        }
        guard let found = format else {
            throw UserError(path: path, "the file is empty", hint: "export a Cost and Usage Report or a FOCUS report as CSV")
        }
        if rows == 0 {
            let others = skipped.values.reduce(0, +)
            throw UserError(
                path: path, line: 1,
                others > 0
                    ? "the bill has no AWS line items, only \(others) row\(others == 1 ? "" : "s") of other providers (\(skipped.keys.sorted().joined(separator: ", ")))"
                    : "the bill has a header but no line items (no spend is not the same as no bill)",
                hint: others > 0
                    ? "orcha-cost plans AWS spend; export the AWS bill" : "export the report again once AWS has delivered it")
        }
        for (key, amount) in local { add(key, amount: amount) }
        files.append(
            FileSummary(
                path: path, format: found, rows: rows, currency: currency ?? expected,
                months: Set(local.keys.map(\.month)).sorted(), fingerprint: stream.fingerprint ?? "", total: total,
                skipped: skipped, unknownServices: unknownServices))
    }

    /// A bill amount in 10^-10 USD: optional sign, digits, optional fraction (rounded half away
    /// from zero at the tenth decimal), optional exponent (`1.2E-7`, as legacy CURs write tiny costs).
    static func amount(_ bytes: UnsafeRawBufferPointer) -> Int128? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        while i < n, bytes[i] != UInt8(ascii: "e"), bytes[i] != UInt8(ascii: "E") {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                if pointAt != nil { return nil }
                pointAt = digits.count
            } else if b >= 48 && b <= 57 {
                digits.append(b - 48)
            } else {
                return nil
            }
            i += 1
        }
        if digits.isEmpty { return nil }
        var exponent = 0
        if i < n {
            i += 1
            var expNegative = false
            if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            if i == n { return nil }
            while i < n {
                guard bytes[i] >= 48 && bytes[i] <= 57, exponent < 1000 else { return nil }
                exponent = exponent * 10 + Int(bytes[i] - 48)
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        // Value = digits × 10^(exponent − fraction digits); scale it to 10 decimals.
        let shift = exponent - (digits.count - (pointAt ?? digits.count)) + 10
        var value: Int128 = 0
        let kept = shift >= 0 ? digits.count : max(0, digits.count + shift)
        for d in digits[0..<kept] {
            value = value * 10 + Int128(d)
            if value > Int128(1) << 100 { return nil }
        }
        if shift > 0 {
            if shift > 25 { return value == 0 ? 0 : nil }
            for _ in 0..<shift { value *= 10 }
        } else if kept < digits.count && digits[kept] >= 5 {
            value += 1
        }
        return negative ? -value : value
    }

    /// `YYYY-MM` and the day from a date `YYYY-MM-DD`, alone or followed by `T` or a space and a time.
    static func monthAndDay(_ b: UnsafeRawBufferPointer) -> (String, Int)? {
        guard b.count == 10 || (b.count > 10 && (b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "))),
            let date = CivilDate(prefixOf: b)
        else { return nil }
        return (date.yearMonth.description, date.day)
    }
}

extension Optional {
    fileprivate func get(or error: @autoclosure () -> Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}

extension CSVHints {
    /// A bill export (Cost and Usage Report, FOCUS) from the billing console or its S3 bucket.
    public static let bill = CSVHints(
        invalidUTF8: "AWS bill exports are UTF-8; export the report again, or convert the file (iconv -t UTF-8)",
        malformedQuoting: "the file is damaged or is not a bill export; download the report from its S3 bucket again",
        unclosedQuote: "download the report from its S3 bucket again; a complete export ends with a full row")
}
