import Analysis
import CostModel
import TestSupport
import Testing

@Suite struct BudgetTests {
    func alarms(_ path: String, phases: [String] = [], set: [String] = []) throws -> [BudgetAlarm] {
        try withEngine { try $0.checkBudgets(path: path, phases: phases, overrides: try Overrides(set)) }
    }

    /// The Orcha budgets: $400 a month, ACTUAL > 80% ($320) and FORECASTED > 100% ($400); RDS
    /// only, $120 a month.
    @Test func orchaBudgetsAgainstTheRoadmap() throws {
        let all = try alarms(Fixtures.root + "/scenarios/orcha.yaml")
        let firing = all.filter { $0.fires($0.expected) }.map { "\($0.budget) \($0.phase) \($0.notification.kind.rawValue)" }
        #expect(
            firing == [
                "monthly-total nat ACTUAL", "monthly-total multi-az ACTUAL", "monthly-total per-tenant ACTUAL",
                "monthly-total per-tenant FORECASTED",
            ])
        let nat = try #require(all.first { $0.phase == "nat" && $0.notification.kind == .actual })
        #expect(nat.threshold.usd == "320.00")
        #expect(nat.expected.usd == "335.20")
        #expect(nat.margin.usd == "-15.20")
        // At high usage the Multi-AZ phase also exceeds the whole budget (408.25 > 400).
        let multi = try #require(all.first { $0.phase == "multi-az" && $0.notification.kind == .forecasted })
        #expect(!multi.fires(multi.expected) && multi.fires(multi.high))
        let db = try #require(all.first { $0.budget == "database" && $0.phase == "multi-az" })
        #expect(db.expected.usd == "115.67")  // AmazonRDS lines only
        #expect(!db.fires(db.expected))
    }

    @Test func periodsAndPlannedAmounts() throws {
        let dir = TempDir()
        let path = dir.write(
            "b.yaml",
            """
            name: b
            region: eu-central-1
            phases:
              - id: p
                resources:
                  - {id: app, type: ec2_instance, instance_type: t4g.medium}
            budgets:
              - name: quarter
                period: quarterly
                amount: 80
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: 84, threshold_type: ABSOLUTE_VALUE}
              - name: roadmap
                planned: {p: 30}
                notifications:
                  - {type: FORECASTED, comparison: GREATER_THAN, threshold: 90}
            """)
        let a = try alarms(path)
        // A quarter of 730 h × $0.0384 = 3 × 28.03 = 84.09 > 84
        #expect(a[0].expected.usd == "84.09")
        #expect(a[0].fires(a[0].expected))
        // Planned $30 a month, 90% = $27.00 < 28.03
        #expect(a[1].threshold.usd == "27.00")
        #expect(a[1].fires(a[1].expected))
    }

    @Test func badBudgetsAreReportedWithTheirPlace() throws {
        let error = try #require(
            planError(
                """
                name: t
                region: eu-central-1
                phases:
                  - id: p
                budgets:
                  - name: a
                    notifications:
                      - {type: ACTUAL, comparison: GREATER, threshold: 80}
                  - name: b
                    planned: {q: 10}
                    period: weekly
                """))
        let lines = error.description.split(separator: "\n").filter { !$0.hasPrefix("  hint") }
        #expect(
            lines == [
                "t.yaml:6:5: error: budget 'a' needs either amount (USD per period) or planned (USD per month for each phase)",
                "t.yaml:8:36: error: comparison 'GREATER' is not one of GREATER_THAN, LESS_THAN, EQUAL_TO.",
                "t.yaml:11:13: error: period 'weekly' is not one of monthly, quarterly, annually.",
                "t.yaml:10:15: error: budget 'b' plans an amount for 'q', which is not a phase. did you mean 'p'?",
            ], "\(error)")
    }
}
