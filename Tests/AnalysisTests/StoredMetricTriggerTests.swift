import Analysis
import CostModel
import DataStore
import TestSupport
import Testing

@testable import Metrics

/// Triggers evaluated on metrics from the data store match those from the metrics file.
@Suite struct StoredMetricTriggerTests {
    @Test func triggersFromTheStoreEqualTriggersFromTheFile() throws {
        let dir = TempDir()
        var text = "timestamp,metric,value\n"
        for d in 1...26 { text += "2026-11-\(d < 10 ? "0" : "")\(d)T12:00:00Z,paying_customers,\(d / 5)\n" }
        for d in 1...26 { text += "2026-11-\(d < 10 ? "0" : "")\(d)T12:00:00Z,quotes_created,2\n" }
        for d in 1...26 { text += "2026-11-\(d < 10 ? "0" : "")\(d)T12:00:00Z,critical_bugs,\(d == 4 ? 1 : 0)\n" }
        let csv = dir.write("business.csv.gz", bytes: try gzip(Array(text.utf8)))
        let store = try DataStore(path: dir.file("data.sqlite"), create: true)
        _ = try store.importMetrics(path: csv)
        var direct = MetricStore()
        try direct.load(path: csv)
        let fromStore = try store.loadMetrics(named: ["paying_customers", "quotes_created", "critical_bugs", "active_users"])
        let quoting = Fixtures.root + "/scenarios/quoting-app.yaml"
        let a = try withEngine { try $0.evaluateTriggers(path: quoting, metrics: direct) }
        let b = try withEngine { try $0.evaluateTriggers(path: quoting, metrics: fromStore, now: try store.newestMetricTime()) }
        #expect(a.map { $0.results.map(\.state) } == b.map { $0.results.map(\.state) })
        #expect(a.map { $0.results.map(\.evidence) } == b.map { $0.results.map(\.evidence) })
        let v15 = try #require(b.first { $0.phase == "v1.5" })
        #expect(v15.due)  // 5 customers, 52 quotes, the bug 22 days ago
        #expect(v15.results.map(\.value) == [5, 52, 0])
    }
}
