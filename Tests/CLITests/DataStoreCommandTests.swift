import CostModel
import Foundation
import Pricing
import SQLiteStore
import TestSupport
import Testing

/// A summary of everything the data store holds, to compare before and after an operation.
func dataSnapshot(_ path: String) throws -> String {
    let db = try Database(path: path)
    var parts: [String] = []
    for sql in [
        "SELECT COUNT(*) FROM sources", "SELECT COALESCE(SUM(points), 0) FROM metric_days",
        "SELECT COALESCE(SUM(LENGTH(data)), 0) FROM metric_days", "SELECT COUNT(*) FROM metric_series",
        "SELECT COUNT(*) FROM bill_lines", "SELECT COALESCE(SUM(cost_e10), 0) FROM bill_lines",
    ] {
        parts.append(String(try db.scalarInt(sql)))
    }
    parts.append(
        try db.scalarText("SELECT group_concat(path || '@' || fingerprint, ';') FROM (SELECT * FROM sources ORDER BY id)") ?? "")
    #expect(try db.scalarText("PRAGMA integrity_check") == "ok")
    return parts.joined(separator: "|")
}

/// Writes `days` days of 1-minute datapoints for `metrics` metrics as timestamp,metric,value CSV.
func writeMetrics(to path: String, days: Int, metrics: [String]) throws {
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.write(contentsOf: Data("timestamp,metric,value\n".utf8))
    let start = august2026
    for m in metrics {
        var chunk = ""
        for k in 0..<(days * 1440) {
            chunk += "\(iso(start + Int64(k) * 60)),\(m),\(k % 97)\n"
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }
}

/// 2026-08-01T00:00:00Z: 90 days of metrics from it end in the past (readers refuse datapoints
/// more than a day after the clock).
let august2026: Int64 = 1_785_542_400

/// `2026-11-26T04:00:00Z` for seconds since the epoch (days from civil, Howard Hinnant).
func iso(_ t: Int64) -> String {
    let days = t / 86_400
    let secs = t % 86_400
    let z = days + 719_468
    let era = z / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(y)-\(two(m))-\(two(d))T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))Z"
}

/// Writes a CUR 2.0 bill of about `megabytes` MB by repeating the fixture's line items.
func writeLargeBill(to path: String, megabytes: Int) throws {
    let bytes = [UInt8](FileManager.default.contents(atPath: Fixtures.root + "/Tests/Fixtures/bills/cur2.csv") ?? Data())
    let lines = bytes.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
    guard lines.count == 12 else { throw CocoaError(.fileReadCorruptFile) }
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.write(contentsOf: Data((lines[0] + "\n").utf8))
    var written = 0
    var n = 0
    var chunk = ""
    while written < megabytes * 1_000_000 {
        for line in lines[1...] {
            n += 1
            let row = "x\(n)" + line.dropFirst(6) + "\n"
            chunk += row
            written += row.utf8.count
        }
        if chunk.utf8.count > 1 << 20 {
            try handle.write(contentsOf: Data(chunk.utf8))
            chunk = ""
        }
    }
    try handle.write(contentsOf: Data(chunk.utf8))
}

@Suite struct DataStoreCommandTests {
    static let quoting = Fixtures.root + "/scenarios/quoting-app.yaml"
    static let orcha = Fixtures.root + "/scenarios/orcha.yaml"

    @Test func importListAndUseTheStoredMetrics() throws {
        let dir = TempDir()
        let data = ["--data", dir.file("data.sqlite")]
        var text = "timestamp,metric,value\n"
        for d in 1...26 { text += "2026-11-\(d < 10 ? "0" : "")\(d),paying_customers,\(d / 5)\n" }
        for d in 1...26 { text += "2026-11-\(d < 10 ? "0" : "")\(d),quotes_created,2\n" }
        for d in 1...26 { text += "2026-11-\(d < 10 ? "0" : "")\(d),critical_bugs,\(d == 4 ? 1 : 0)\n" }
        let csv = dir.write("business.csv", text)
        let (s1, out1, err1) = try runTool(["metrics", "import", csv] + data)
        #expect(s1 == 0, "\(err1)")
        #expect(out1 == "imported \(csv): CSV, 78 datapoints of 3 metrics (critical_bugs, paying_customers, quotes_created)\n")
        let (s2, list, _) = try runTool(["metrics", "list"] + data)
        #expect(s2 == 0)
        #expect(list.contains("paying_customers          26  2026-11-01T00:00:00Z  2026-11-26T00:00:00Z      1"), "\(list)")
        let catalog = ["--catalog", dir.file("c.sqlite")]
        let (s3, fromStore, err3) = try runTool(["triggers", Self.quoting, "--format", "json"] + data + catalog)
        let (_, fromFile, _) = try runTool(["triggers", Self.quoting, "--format", "json", "--metrics", csv] + catalog)
        #expect(s3 == 0, "\(err3)")
        #expect(fromStore == fromFile)
        #expect(fromStore.contains("\"phase\": \"v1.5\",\n    \"due\": true,\n    \"met\": 3,"), "\(fromStore)")
        // Re-importing replaces; a missing store and an empty one are clear errors.
        let (_, again, _) = try runTool(["metrics", "import", csv] + data)
        #expect(again.hasSuffix("; replaces the earlier import of \(resolvedPath(csv))\n"), "\(again)")
        let (s4, _, err4) = try runTool(["triggers", Self.quoting, "--data", dir.file("none.sqlite")] + catalog)
        #expect(s4 == 66)
        #expect(err4.hasPrefix("\(dir.file("none.sqlite")): error: no data store here yet"))
        _ = try runTool([
            "bills", "import", Fixtures.root + "/Tests/Fixtures/bills/focus.csv", "--data", dir.file("bills.sqlite"),
        ])
        let (s5, _, err5) = try runTool(["triggers", Self.quoting, "--data", dir.file("bills.sqlite")] + catalog)
        #expect(s5 == 66)
        #expect(err5.hasPrefix("\(dir.file("bills.sqlite")): error: the data store holds no metrics"))
    }

    @Test func badFilesAreReportedAndTheOthersGoIn() throws {
        let dir = TempDir()
        let data = ["--data", dir.file("data.sqlite")]
        let good = Fixtures.root + "/Tests/Fixtures/bills/cur-legacy.csv.gz"
        let truncated = dir.write("cut.csv.gz", bytes: Array(try gzip(Array(readText(good.dropLast(3) + "").utf8)).dropLast(10)))
        let (status, out, err) = try runTool(["bills", "import", truncated, good] + data)
        #expect(status == 65)
        #expect(out == "imported \(good): CUR legacy, 11 line items, USD 149.69, 2026-10, 2026-11\n")
        #expect(err.hasPrefix("\(truncated): error: the gzip file is truncated"))
        #expect(err.contains("\(truncated): nothing imported from this file; the data store is unchanged by it"))
        let (ls, list, _) = try runTool(["bills", "list", "--month", "2026-10"] + data)
        #expect(ls == 0)
        #expect(list.contains("2026-10  TOTAL             102.85"), "\(list)")
        let (vs, variance, verr) = try runTool(
            ["budget", "variance", Self.orcha, "--phase", "mvp", "--month", "2026-10", "--catalog", dir.file("c.sqlite")] + data)
        #expect(vs == 0, "\(verr)")
        #expect(variance.contains("2026-10  TOTAL              128.06  102.85    -25.21   -19.7%"), "\(variance)")
        let (cs, check, _) = try runTool(
            ["budget", "check", Self.orcha, "--phase", "mvp", "--stored-bills", "--catalog", dir.file("c.sqlite")] + data)
        #expect(cs == 0)
        #expect(check.contains("monthly-total  mvp    FORECASTED > 100%     400.00  108.24  291.76  OK"), "\(check)")
        let (us, _, uerr) = try runTool(["budget", "check", Self.orcha, "--stored-bills"] + data)
        #expect(us == 64)
        #expect(uerr.contains("name the one phase you run now"))
    }
}

func resolvedPath(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

/// Killing a metrics or bills import at any point leaves the previous store, which still opens
/// and gives the previous answers.
@Suite(.serialized) struct DataStoreCrashSafetyTests {
    static let quoting = Fixtures.root + "/scenarios/quoting-app.yaml"

    /// Seconds `import` (`metrics import` or `bills import` of FILE) takes to finish on a copy
    /// of `store`: the kills below happen at fractions of it, so they land part-way whatever the
    /// machine's speed.
    func importSeconds(_ command: String, _ file: String, store: String) throws -> Double {
        let copy = store + ".timing"
        try FileManager.default.copyItem(atPath: store, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let start = Date()
        #expect(try runTool([command, "import", file, "--data", copy]).0 == 0)
        return Date().timeIntervalSince(start)
    }

    /// Kills `args` (an import into `store`) after `seconds`. When the import beat the kill
    /// (a busy machine measured it slow), the store is put back and the kill comes sooner:
    /// true when a kill landed while the import ran.
    func killPartWay(_ args: [String], store: String, after seconds: Double) throws -> Bool {
        let backup = store + ".backup"
        try FileManager.default.copyItem(atPath: store, toPath: backup)
        defer { try? FileManager.default.removeItem(atPath: backup) }
        var delay = seconds
        for _ in 0..<4 {
            if try runToolKilled(args, after: delay) { return true }
            try FileManager.default.removeItem(atPath: store)
            try FileManager.default.copyItem(atPath: backup, toPath: store)
            delay /= 2
        }
        return false
    }

    @Test(arguments: [0.1, 0.45, 0.75])
    func sigkillDuringAMetricsImport(atFraction fraction: Double) throws {
        let dir = TempDir()
        let store = dir.file("data.sqlite")
        let catalog = ["--catalog", dir.file("c.sqlite")]
        let small = dir.file("small.csv")
        try writeMetrics(to: small, days: 2, metrics: ["paying_customers", "ecs_task_count"])
        #expect(try runTool(["metrics", "import", small, "--data", store]).0 == 0)
        let (_, answer, _) = try runTool(["triggers", Self.quoting, "--data", store, "--format", "json"] + catalog)
        let before = try dataSnapshot(store)
        // The same path with a far larger content: the import would replace the small one.
        try writeMetrics(
            to: small, days: 90, metrics: ["paying_customers", "ecs_task_count", "db_cpu_percent", "response_ms", "active_users"])
        let seconds = fraction * (try importSeconds("metrics", small, store: store))
        #expect(
            try killPartWay(["metrics", "import", small, "--data", store], store: store, after: seconds),
            "the import finished before the kill")
        #expect(try dataSnapshot(store) == before)
        let (status, after, err) = try runTool(["triggers", Self.quoting, "--data", store, "--format", "json"] + catalog)
        #expect(status == 0, "\(err)")
        #expect(after == answer)
        #expect(answer.contains("\"latest(paying_customers) >= 5\", \"state\": \"met\", \"value\": 66"))
    }

    @Test(arguments: [0.1, 0.45, 0.75])
    func sigkillDuringABillsImport(atFraction fraction: Double) throws {
        let dir = TempDir()
        let store = dir.file("data.sqlite")
        let catalog = ["--catalog", dir.file("c.sqlite")]
        #expect(try runTool(["bills", "import", Fixtures.root + "/Tests/Fixtures/bills/focus.csv", "--data", store]).0 == 0)
        let variance =
            ["budget", "variance", Fixtures.root + "/scenarios/orcha.yaml", "--phase", "mvp", "--data", store] + catalog
        let (_, answer, _) = try runTool(variance)
        let before = try dataSnapshot(store)
        let big = dir.file("big.csv")
        try writeLargeBill(to: big, megabytes: 40)
        let seconds = fraction * (try importSeconds("bills", big, store: store))
        #expect(
            try killPartWay(["bills", "import", big, "--data", store], store: store, after: seconds),
            "the import finished before the kill")
        #expect(try dataSnapshot(store) == before)
        let (status, after, err) = try runTool(variance)
        #expect(status == 0, "\(err)")
        #expect(after == answer)
        #expect(answer.contains("2026-10  TOTAL              128.06  102.85    -25.21   -19.7%"))
    }
}
