import Billing
import CostModel
import FileIO
import SQLiteStore

/// What one bills import did.
public struct BillImport: Sendable {
    public var summary: Actuals.FileSummary
    /// Earlier imports of the same file (by path or content) that this one replaced.
    public var replaced: [String]
}

extension DataStore {
    /// Imports one bill export (CUR legacy, CUR 2.0 or FOCUS; plain or gzip) in one transaction,
    /// as spend summed per usage day, service, region and tags.
    public func importBills(path: String, currency: String = "USD") throws -> BillImport {
        var bills = Actuals()
        try bills.load(path: path, currency: currency)
        let file = bills.files[0]
        let absolute = DataStore.absolute(path)
        return try sqlite {
            try db.transaction {
                let replaced = try replaceEarlier(kind: "bills", path: absolute, fingerprint: file.fingerprint)
                let id = try addSource(
                    kind: "bills", path: absolute, fingerprint: file.fingerprint, format: file.format.rawValue, rows: file.rows,
                    currency: file.currency)
                let add = try db.prepare(
                    "INSERT INTO bill_lines(source_id, month, day, service, region, tags, cost_e10) VALUES(?, ?, ?, ?, ?, ?, ?)")
                for (key, amount) in bills.lines.sorted(by: { ($0.key.month, $0.key.day) < ($1.key.month, $1.key.day) }) {
                    guard let e10 = Int64(exactly: amount) else {
                        throw UserError(
                            path: path, "the spend of \(key.service) on \(key.month)-\(key.day) is too large to store",
                            hint: "amounts above 900 million USD per day and service are not supported")
                    }
                    try add.bind([
                        .int(id), .text(key.month), .int(Int64(key.day)), .text(key.service), .text(key.region), .text(key.tags),
                        .int(e10),
                    ])
                    try add.run()
                }
                return BillImport(summary: file, replaced: replaced)
            }
        }
    }

    /// All stored bills, as if their files had been loaded (each file's summary says where it came
    /// from). Refuses bills in another currency than `currency`.
    public func loadBills(currency: String = "USD") throws -> Actuals {
        try sqlite {
            var bills = Actuals()
            var byId: [Int64: (path: String, format: String, rows: Int, currency: String, fingerprint: String)] = [:]
            let sources = try db.prepare(
                "SELECT id, path, format, rows, COALESCE(currency, ''), fingerprint FROM sources WHERE kind = 'bills' ORDER BY id"
            )
            var order: [Int64] = []
            while try sources.step() {
                let id = sources.int(0)
                let c = sources.text(4) ?? ""
                if c != currency {
                    throw UserError(
                        path: sources.text(1) ?? "", "bill currency \(c), the scenario is in \(currency)",
                        hint: "orcha-cost does not convert currencies; compare with a bill in \(currency)")
                }
                byId[id] = (sources.text(1) ?? "", sources.text(2) ?? "", Int(sources.int(3)), c, sources.text(5) ?? "")
                order.append(id)
            }
            var months: [Int64: Set<String>] = [:]
            var totals: [Int64: Int128] = [:]
            let lines = try db.prepare("SELECT source_id, month, day, service, region, tags, cost_e10 FROM bill_lines")
            while try lines.step() {
                let id = lines.int(0)
                let key = Actuals.LineKey(
                    month: lines.text(1) ?? "", day: Int(lines.int(2)), service: lines.text(3) ?? "", region: lines.text(4) ?? "",
                    tags: lines.text(5) ?? "{}")
                let amount = Int128(lines.int(6))
                guard bills.fits(month: key.month, adding: Int128(amount.magnitude)) else {
                    throw UserError(
                        path: path,
                        "the stored bills' charges and credits of \(key.month) add up to more than 922,337,203.68 USD, which exceeds the largest amount orcha-cost can represent",
                        hint: "the store holds bills that do not belong together; delete it and import the right ones")
                }
                bills.add(key, amount: amount)
                months[id, default: []].insert(key.month)
                totals[id, default: 0] += amount
            }
            for id in order {
                let s = byId[id]!
                bills.addFile(
                    Actuals.FileSummary(
                        path: s.path, format: Actuals.Format(rawValue: s.format) ?? .focus, rows: s.rows, currency: s.currency,
                        months: (months[id] ?? []).sorted(), fingerprint: s.fingerprint, total: totals[id] ?? 0))
            }
            return bills
        }
    }
}
