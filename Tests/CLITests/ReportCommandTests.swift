import Foundation
import TestSupport
import Testing

@Suite struct ReportCommandTests {
    /// The report's phase table and ranges hold exactly what `plan --format json` and
    /// `simulate --format json` print (the report simulates with simulate's default samples and seed).
    @Test func sameNumbersAsPlanAndSimulate() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let (status, html, err) = try runTool(["report", "scenarios/orcha.yaml", "-o", "-"] + c, cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        let (_, planJSON, _) = try runTool(["plan", "scenarios/orcha.yaml", "--format", "json"] + c, cwd: Fixtures.root)
        let (_, simJSON, _) = try runTool(["simulate", "scenarios/orcha.yaml", "--format", "json"] + c, cwd: Fixtures.root)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(planJSON.utf8)) as? [String: Any])
        let phases = try #require(plan["phases"] as? [[String: Any]])
        let sim = try #require(try JSONSerialization.jsonObject(with: Data(simJSON.utf8)) as? [String: Any])
        let simPhases = try #require(sim["phases"] as? [[String: Any]])
        #expect(phases.count == 7 && simPhases.count == 7)

        func usd(_ value: Any?) -> String {
            guard let s = value as? String else { return "—" }
            return (s.hasPrefix("-") ? "-$" + s.dropFirst() : "$" + s)
        }
        func rows(_ className: String) -> [String] {
            guard let start = html.range(of: "<table class=\"\(className)\">"),
                let end = html.range(of: "</tbody>", range: start.upperBound..<html.endIndex)
            else { return [] }
            return html[start.upperBound..<end.lowerBound].components(separatedBy: "<tr>").dropFirst(2).map { row in
                row.replacingOccurrences(of: "<[^>]*>", with: "|", options: .regularExpression)
                    .split(separator: "|").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                    .joined(separator: " ")
            }
        }
        let table = rows("phases")
        #expect(table.count == 7)
        for (row, p) in zip(table, phases) {
            let delta = p["delta"] is NSNull ? "—" : "+" + usd(p["delta"])
            let expected = [
                p["id"] as? String ?? "", p["name"] as? String ?? "", usd(p["monthly_cost"]), delta,
                (p["extends"] as? String) ?? "—", usd(p["low"]), usd(p["high"]),
            ].joined(separator: " ")
            #expect(row == expected)
        }
        let ranges = rows("ranges")
        #expect(ranges.count == 7)
        for (row, p) in zip(ranges, simPhases) {
            #expect(
                row
                    == "\(p["id"] as? String ?? "") \(usd(p["expected"])) \(usd(p["p10"]))–\(usd(p["p90"])) "
                    + "\(usd(p["low"]))–\(usd(p["high"])) \(usd(p["p50"])) \(usd(p["mean"]))")
        }
        #expect(html.contains("80% of 100,000 simulated months fall (seed 1)"))
    }

    /// Without -o the report goes to Reports/<scenario file name>.html under the current
    /// directory, written atomically (no temporary file left beside it).
    @Test func defaultOutputAndErrors() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let scenario = readText(Fixtures.root + "/scenarios/code-refactor.yaml")
        dir.write("my plan.yaml", scenario)
        let (status, out, err) = try runTool(["report", "my plan.yaml"] + c, cwd: dir.path)
        #expect(status == 0, "\(err)")
        #expect(out.hasPrefix("wrote Reports/my plan.html ("), "\(out)")
        #expect(out.hasSuffix("KB): 2 phases, no budgets\n"))
        let html = readText(dir.file("Reports/my plan.html"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("Reports")) == ["my plan.html"])

        let (missing, _, missingErr) = try runTool(["report", "nope.yaml"] + c, cwd: dir.path)
        #expect(missing == 66)
        #expect(missingErr.hasPrefix("nope.yaml: error: no such scenario file"), "\(missingErr)")
        let (noDir, _, noDirErr) = try runTool(
            ["report", "my plan.yaml", "-o", dir.file("no/such/dir/r.html")] + c, cwd: dir.path)
        #expect(noDir == 73)
        #expect(noDirErr.contains("cannot create the output file"), "\(noDirErr)")
        let (needsPhase, _, needsPhaseErr) = try runTool(
            ["report", "scenarios/orcha.yaml", "--actuals", "Tests/Fixtures/bills/focus.csv", "-o", "-"] + c, cwd: Fixtures.root)
        #expect(needsPhase == 64)
        #expect(needsPhaseErr.contains("with --actuals, name the phase you run now: --phase ID"))
        let (badPhase, _, badPhaseErr) = try runTool(
            ["report", "scenarios/orcha.yaml", "--actuals", "Tests/Fixtures/bills/focus.csv", "--phase", "multiaz", "-o", "-"]
                + c,
            cwd: Fixtures.root)
        #expect(badPhase == 64)
        #expect(badPhaseErr.contains("no phase 'multiaz' in scenarios/orcha.yaml. did you mean 'multi-az'?"), "\(badPhaseErr)")
        // Metrics for a scenario whose phases have no triggers.
        let (noTriggers, _, noTriggersErr) = try runTool(
            ["report", "scenarios/orcha.yaml", "--metrics", "Tests/Fixtures/metrics/quoting-business.csv", "-o", "-"] + c,
            cwd: Fixtures.root)
        #expect(noTriggers == 65)
        #expect(noTriggersErr.contains("no phase of the scenario has triggers"))
        let (badAt, _, _) = try runTool(["report", "scenarios/orcha.yaml", "--at", "yesterday"] + c, cwd: Fixtures.root)
        #expect(badAt == 64)
        let bad = dir.write(
            "bad.yaml",
            "name: x\nregion: eu-central-1\nphases:\n  - id: p\n    resources:\n      - id: a\n        type: natgateway\n")
        let (invalid, _, invalidErr) = try runTool(["report", bad, "-o", dir.file("bad.html")] + c)
        #expect(invalid == 65)
        #expect(invalidErr.contains("unknown resource type 'natgateway'"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("bad.html")))
    }

    @Test func helpHasExamples() throws {
        let (status, out, _) = try runTool(["report", "--help"])
        #expect(status == 0)
        #expect(out.contains("  orcha-cost report scenarios/orcha.yaml        # writes Reports/orcha.html\n"))
        #expect(out.contains("  orcha-cost report scenarios/quoting-app.yaml --metrics business.csv\n"))
        #expect(out.contains("--metrics <file>"))
        #expect(out.contains("--actuals <file>"))
    }
}
