import Analysis
import Billing
import CostModel
import Foundation
import Metrics
import Reporting
import Scenarios
import TestSupport
import Testing

/// Renderer output for the shipped scenarios, compared with reviewed files in Tests/Golden.
/// After an intended change: `ORCHA_COST_UPDATE_GOLDEN=1 swift test --filter GoldenTests` (that
/// run records the files and fails), review the diff, then run again without the variable.
@Suite struct GoldenTests {
    static let scenarios = ["orcha", "quoting-app", "code-refactor", "media-gpu"]

    func check(_ text: String, _ name: String) throws {
        let path = Fixtures.root + "/Tests/Golden/" + name
        // Paths in the output are the caller's; make them repository-relative.
        let normalized = text.replacingOccurrences(of: Fixtures.root + "/", with: "")
        if ProcessInfo.processInfo.environment["ORCHA_COST_UPDATE_GOLDEN"] == "1" {
            // A recording run always fails, so that CI can never pass by recording.
            let before = FileManager.default.contents(atPath: path)
            try Data(normalized.utf8).write(to: URL(fileURLWithPath: path))
            let what = before == Data(normalized.utf8) ? "unchanged" : "CHANGED"
            Issue.record(
                "recorded \(name) (\(what)): review `git diff Tests/Golden`, then run again without ORCHA_COST_UPDATE_GOLDEN")
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: path), "missing golden file \(name)")
        let golden = String(decoding: expected, as: UTF8.self)
        if golden != normalized {
            let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let b = normalized.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record(
                "\(name) differs at line \(i + 1):\n  golden: \(i < a.count ? a[i] : "<end>")\n  actual: \(i < b.count ? b[i] : "<end>")"
            )
        }
    }

    @Test(arguments: scenarios)
    func planJSON(name: String) throws {
        let cost = try planShipped(name)
        let json = PlanRenderer.json(cost)
        try check(json, "\(name).plan.json")
        // It parses, and its totals are the sums of its lines.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let phases = try #require(object["phases"] as? [[String: Any]])
        #expect(phases.count == cost.phases.count)
        for p in phases {
            let lines = try #require(p["lines"] as? [[String: Any]])
            let sum = lines.reduce(0) { $0 + cents($1["monthly_cost"]) }
            #expect(sum == cents(p["monthly_cost"]), "\(p["id"] ?? "")")
        }
    }

    @Test func orchaMarkdown() throws {
        try check(PlanRenderer.markdown(try planShipped("orcha")), "orcha.plan.md")
    }

    @Test func orchaCSV() throws {
        try check(PlanRenderer.csv(try planShipped("orcha")), "orcha.plan.csv")
    }

    /// The HTML report of the Orcha roadmap (simulated with the report's default samples and
    /// seed, so the percentiles are the same on every machine).
    @Test func orchaReport() throws {
        let model = try withEngine { try $0.report(path: Fixtures.root + "/scenarios/orcha.yaml") }
        try check(HTMLReport.render(model), "orcha.report.html")
    }

    // MARK: - every command's JSON

    static let orcha = Fixtures.root + "/scenarios/orcha.yaml"
    static let quoting = Fixtures.root + "/scenarios/quoting-app.yaml"

    /// `text` is one JSON document, and matches its golden file.
    func checkJSON(_ text: String, _ name: String) throws {
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "\(name) does not parse")
        try check(text, name)
    }

    @Test func diffJSON() throws {
        let cost = try planShipped("orcha")
        let diffs = try PhasePairing.diffs(
            before: cost, after: cost, beforeName: "orcha.yaml", afterName: "orcha.yaml", from: "mvp", to: "ha", phases: [])
        try checkJSON(DiffRenderer.json(diffs), "orcha.diff-mvp-ha.json")
    }

    @Test func budgetCheckJSON() throws {
        let alarms = try withEngine { try $0.checkBudgets(path: Self.orcha, phases: [], overrides: try Overrides([])) }
        try checkJSON(BudgetRenderer.checkJSON(alarms, at: .high), "orcha.budget-check-high.json")
    }

    @Test func budgetVarianceJSON() throws {
        var bills = Actuals()
        try bills.load(path: Fixtures.root + "/Tests/Fixtures/bills/focus.csv")
        let rows = try withEngine {
            try $0.variance(path: Self.orcha, phase: "mvp", overrides: try Overrides([]), actuals: bills)
        }
        try checkJSON(BudgetRenderer.varianceJSON(rows), "orcha.budget-variance-mvp.json")
    }

    @Test func budgetExportJSON() throws {
        let loaded = try ScenarioLoader.load(path: Self.orcha)
        let files = try BudgetExport.files(
            loaded.budgets, tags: loaded.tags, phase: "ha", subscriber: "finance@example.com", scenarioPath: Self.orcha)
        let database = try #require(files.first { $0.name == "database" })
        try checkJSON(database.budget, "orcha.database.budget.json")
        try checkJSON(database.notifications, "orcha.database.notifications.json")
    }

    @Test func triggersJSON() throws {
        var metrics = MetricStore()
        try metrics.load(path: Fixtures.root + "/Tests/Fixtures/metrics/quoting-business.csv")
        let phases = try withEngine { try $0.evaluateTriggers(path: Self.quoting, metrics: metrics) }
        try checkJSON(TriggersRenderer.json(phases), "quoting-app.triggers.json")
    }

    @Test func simulateJSON() throws {
        let r = try withEngine { try $0.simulate(path: Self.quoting, samples: 2000, seed: 7, overrides: try Overrides([])) }
        try checkJSON(SimulationRenderer.json(r), "quoting-app.simulate.json")
    }

    @Test func emptyListsAreEmptyArrays() {
        #expect(DiffRenderer.json([]) == "[]\n")
        #expect(TriggersRenderer.json([]) == "[]\n")
        #expect(BudgetRenderer.checkJSON([], at: .expected) == "[]\n")
        #expect(BudgetRenderer.varianceJSON([]) == "[]\n")
    }

    func cents(_ value: Any?) -> Int {
        guard let s = value as? String else { return Int.min }
        let parts = s.split(separator: ".")
        return Int(parts[0])! * 100 + (parts.count > 1 ? Int(parts[1])! : 0) * (s.hasPrefix("-") ? -1 : 1)
    }
}
