import CostModel
import Foundation
import TestSupport
import Testing

@testable import Metrics

/// Metric files: CSV and CloudWatch JSON, plain or gzipped, read into a `MetricStore` whole or not at all.
@Suite struct MetricFileTests {
    static let hour: Int64 = 3600
    static let nov1 = MetricStore.timestamp("2026-11-01")!

    @Test func valuesAreFiniteDecimals() {
        func value(_ s: String) -> Double? {
            var copy = s
            return copy.withUTF8 { MetricStore.value(UnsafeRawBufferPointer($0)) }
        }
        #expect(value("61.25") == 61.25)
        #expect(value("-0.1") == -0.1)  // the exact-division path rounds like the standard library
        #expect(value("0.3") == Double("0.3"))
        #expect(value("123456789.123456") == Double("123456789.123456"))  // 15+ digits: standard library
        #expect(value("1e3") == 1000)
        #expect(value("7") == 7 && value(".5") == 0.5 && value("+2") == 2)
        for bad in ["", "-", "NaN", "inf", "1e999", "0x1p3", " 1", "1 ", "5ms", "1,5", "--1"] {
            #expect(value(bad) == nil, "\(bad)")
        }
    }

    @Test func gzippedMetricsReadLikePlainOnes() throws {
        let dir = TempDir()
        let csv = "timestamp,metric,value\n2026-11-01,x,1\n2026-11-02T00:00:00+02:00,x,2.5\n2026-11-02,y,7\n"
        var plain = MetricStore()
        try plain.load(path: dir.write("m.csv", csv))
        var gz = MetricStore()
        try gz.load(path: dir.write("m.csv.gz", bytes: try gzip(Array(csv.utf8))))
        #expect(gz.names == ["x", "y"])
        #expect(gz.series["x"]?.times == plain.series["x"]?.times)
        #expect(gz.series["x"]?.values == [1, 2.5])
        let page = Fixtures.root + "/Tests/Fixtures/cloudwatch/get-metric-data-page1.json"
        var json = MetricStore()
        try json.load(path: dir.write("page1.json.gz", bytes: try gzip(Array(readText(page).utf8))))
        var jsonPlain = MetricStore()
        try jsonPlain.load(path: page)
        #expect(json.pointCount == jsonPlain.pointCount && json.pointCount > 0)
        #expect(json.series["db_cpu_percent"]?.values == jsonPlain.series["db_cpu_percent"]?.values)
        // Cut before its end: nothing loads.
        let cut = try gzip(Array(csv.utf8)).dropLast(4)
        var store = MetricStore()
        #expect(throws: UserError.self) { try store.load(path: dir.write("cut.csv.gz", bytes: Array(cut))) }
        #expect(store.pointCount == 0)
    }

    @Test func metricFilesLoadWholeOrNotAtAll() throws {
        let dir = TempDir()
        let a = dir.write("a.csv", "timestamp,metric,value\n2026-11-01,x,1\n2026-11-02T00:00:00+02:00,x,2.5\n2026-11-02,y,7\n")
        let b = dir.write("b.csv", "timestamp,metric,value\n2026-11-03,y,8\n2026-11-01T21:00:00Z,x,3\n")
        let bad = dir.write("c.csv", "timestamp,metric,value\n2026-11-09,z,1\n2026-11-10,z,NaN\n")
        var store = MetricStore()
        try store.loadCSV(path: a)
        #expect(store.series["x"]?.times == [MetricFileTests.nov1, MetricFileTests.nov1 + 22 * MetricFileTests.hour])
        #expect(store.series["x"]?.values == [1, 2.5])
        // x at 21:00Z on the 1st falls between a.csv's two x points: merged in time order.
        try store.loadCSV(path: b)
        #expect(
            store.series["x"]?.times == [
                MetricFileTests.nov1, MetricFileTests.nov1 + 21 * MetricFileTests.hour,
                MetricFileTests.nov1 + 22 * MetricFileTests.hour,
            ])
        #expect(store.series["x"]?.values == [1, 3, 2.5])
        #expect(store.series["y"]?.values == [7, 8])
        // A file repeating x at 22:00Z on the 1st: nothing of it loads (not its new y either).
        let repeats = dir.write("d.csv", "timestamp,metric,value\n2026-11-04,y,9\n2026-11-01T22:00:00Z,x,4\n")
        #expect(throws: UserError.self) { try store.loadCSV(path: repeats) }
        #expect(throws: UserError.self) { try store.loadCSV(path: bad) }
        #expect(store.names == ["x", "y"])
        #expect(store.pointCount == 5)
        #expect(store.series["y"]?.values == [7, 8])
    }
}
