import Foundation
import TestSupport
import Testing

/// The JSON of the commands that render what the catalog and the data store hold, run as a user
/// runs them, compared with reviewed files in Tests/Golden (the renderers of computed models have
/// theirs in GoldenTests). After an intended change:
/// `ORCHA_COST_UPDATE_GOLDEN=1 swift test --filter JSONGoldenTests` (that run records the files
/// and fails), review the diff, then run again without the variable.
@Suite struct JSONGoldenTests {
    func check(_ args: [String], _ name: String, normalize: (String) -> String = { $0 }) throws {
        let (status, out, err) = try runTool(args, cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        #expect((try? JSONSerialization.jsonObject(with: Data(out.utf8))) != nil, "\(name) does not parse: \(out)")
        let text = normalize(out.replacingOccurrences(of: Fixtures.root + "/", with: ""))
        let path = Fixtures.root + "/Tests/Golden/" + name
        if ProcessInfo.processInfo.environment["ORCHA_COST_UPDATE_GOLDEN"] == "1" {
            // A recording run always fails, so that CI can never pass by recording (as GoldenTests).
            let before = FileManager.default.contents(atPath: path)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let what = before == Data(text.utf8) ? "unchanged" : "CHANGED"
            Issue.record(
                "recorded \(name) (\(what)): review `git diff Tests/Golden`, then run again without ORCHA_COST_UPDATE_GOLDEN")
            return
        }
        let golden = String(decoding: try #require(FileManager.default.contents(atPath: path), "missing \(name)"), as: UTF8.self)
        #expect(golden == text, "\(name) differs from its golden file")
    }

    @Test func catalogQueryAndList() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        try check(
            ["catalog", "query", "--service", "AmazonEC2", "--region", "eu-central-1", "--limit", "3", "--format", "json"] + c,
            "catalog-query.json")
        try check(["catalog", "list", "--region", "eu-central-1", "--format", "json"] + c, "catalog-list-eu-central-1.json")
        // When the sheets were loaded is the only thing that changes from run to run.
        try check(["catalog", "list", "--format", "json"] + c, "catalog-list.json") {
            $0.replacingOccurrences(
                of: #""imported_at": "[0-9T:Z-]+""#, with: #""imported_at": "…""#, options: .regularExpression)
        }
    }

    @Test func metricsAndBillsLists() throws {
        let dir = TempDir()
        let data = ["--data", dir.file("data.sqlite")]
        let (s1, _, e1) = try runTool(
            ["metrics", "import", "Tests/Fixtures/metrics/quoting-business.csv"] + data, cwd: Fixtures.root)
        #expect(s1 == 0, "\(e1)")
        try check(["metrics", "list", "--format", "json"] + data, "metrics-list.json")
        let (s2, _, e2) = try runTool(["bills", "import", "Tests/Fixtures/bills/focus.csv"] + data, cwd: Fixtures.root)
        #expect(s2 == 0, "\(e2)")
        try check(["bills", "list", "--format", "json"] + data, "bills-list.json")
    }
}
