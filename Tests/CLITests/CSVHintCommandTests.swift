import Foundation
import Pricing
import TestSupport
import Testing

/// A damaged CSV's hint speaks of the kind of file the command reads: a bill's of the bill
/// export, a metrics file's of the metrics export, a price list's of the download.
@Suite struct CSVHintCommandTests {
    static let corpus = Fixtures.root + "/Tests/Corpus/"

    @Test func eachKindOfFileGetsItsOwnHint() throws {
        let dir = TempDir()
        let data = ["--data", dir.file("data.sqlite")]
        let bill = Self.corpus + "bills/cur-unclosed-quote.csv"
        let (billStatus, _, billErr) = try runTool(["bills", "import", bill] + data)
        #expect(billStatus == 65)
        #expect(billErr.contains("error: a quoted field is never closed"), "\(billErr)")
        #expect(
            billErr.contains(
                "  hint: download the report from its S3 bucket again; a complete export ends with a full row"), "\(billErr)")
        #expect(!billErr.contains("price list"))

        let metrics = dir.write("metrics.csv", "timestamp,metric,value\n2026-11-01T00:00:00Z,\"never closed,5\n")
        let (metricsStatus, _, metricsErr) = try runTool(["metrics", "import", metrics] + data)
        #expect(metricsStatus == 65)
        #expect(
            metricsErr.contains("  hint: export the metrics again; a complete export ends with a full row"), "\(metricsErr)")
        #expect(!metricsErr.contains("price list"))

        let latin1 = Self.corpus + "bills/focus-latin1.csv"
        let (_, _, utf8Err) = try runTool(["bills", "import", latin1] + data)
        #expect(
            utf8Err.contains("  hint: AWS bill exports are UTF-8; export the report again, or convert the file (iconv -t UTF-8)"),
            "\(utf8Err)")

        let priceList = Self.corpus + "price-lists/quote-never-closed.csv"
        let (listStatus, _, listErr) = try runTool(["catalog", "import", priceList, "--catalog", dir.file("c.sqlite")])
        #expect(listStatus == 65)
        #expect(listErr.contains("  hint: re-download the file; a complete price list ends with a full row"), "\(listErr)")
    }
}
