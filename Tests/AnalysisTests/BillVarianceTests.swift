import Analysis
import CostModel
import TestSupport
import Testing

@testable import Billing

/// The engine on bills: variance and budgets against the plan, from the bill fixtures.
@Suite struct BillVarianceTests {
    static let bills = Fixtures.root + "/Tests/Fixtures/bills/"
    static let orcha = Fixtures.root + "/scenarios/orcha.yaml"

    func load(_ names: String...) throws -> Actuals {
        var a = Actuals()
        for n in names { try a.load(path: n.hasPrefix("/") ? n : BillVarianceTests.bills + n) }
        return a
    }

    @Test func varianceAgainstThePlanPerService() throws {
        let rows = try withEngine {
            try $0.variance(
                path: BillVarianceTests.orcha, phase: "mvp", overrides: try Overrides([]), actuals: try load("focus.csv"))
        }
        let october = rows.filter { $0.month == "2026-10" }
        let rds = try #require(october.first { $0.service == "AmazonRDS" })
        #expect(rds.plan.usd == "57.47")
        #expect(rds.actual.usd == "55.06")
        #expect(rds.variance.usd == "-2.41")
        #expect(rds.percent == "-4.2%")
        // Planned but not billed, and the whole month.
        #expect(october.first { $0.service == "AmazonECR" }.map { ($0.plan.usd, $0.actual.usd) } ?? ("", "") == ("1.00", "0.00"))
        #expect(october.reduce(Money.zero) { $0 + $1.plan }.usd == "128.06")
        #expect(october.reduce(Money.zero) { $0 + $1.actual }.micros == 102_852_168)
    }

    /// November runs to day 14 of 30: the forecast is month-to-date plus 16 days at the run rate
    /// weighted 14/30 and the plan weighted 16/30.
    @Test func budgetsOnTheBills() throws {
        let checked = try withEngine {
            try $0.checkBudgets(
                path: BillVarianceTests.orcha, phase: "mvp", month: nil, overrides: try Overrides([]),
                actuals: try load("cur2.csv"))
        }
        let total = try #require(checked.forecasts["monthly-total"])
        // 46.8384 + 16 × (46.8384 × 30 + 16 × 128.06) / 900 = 46.8384 + 61.4064355…
        #expect(total.forecast.micros == 108_244_836)
        #expect(total.daysElapsed == 14 && total.daysInMonth == 30)
        let states = checked.alarms.map {
            "\($0.budget) \($0.notification.kind.rawValue) \($0.expected.usd) \($0.fires($0.expected))"
        }
        #expect(
            states == [
                "monthly-total ACTUAL 46.84 false", "monthly-total FORECASTED 108.24 false", "database FORECASTED 54.47 false",
                // No row of this bill carries Environment=prod: 0 to date + 16 × 16 × 28.79 / 900.
                "prod-compute FORECASTED 8.19 false",
            ])

        // An RDS bill of 80 by day 14 forecasts 80 + 16 × (80 × 30 + 16 × 57.47) / 900 = 139.01 > 120.
        let dir = TempDir()
        let hot = dir.write(
            "hot.csv",
            """
            BilledCost,ChargePeriodStart,ServiceName,BillingCurrency
            80,2026-11-14T00:00:00Z,Amazon Relational Database Service,USD

            """)
        let fired = try withEngine {
            try $0.checkBudgets(
                path: BillVarianceTests.orcha, phase: "mvp", month: "2026-11", overrides: try Overrides([]),
                actuals: try load(hot))
        }
        let db = try #require(fired.alarms.first { $0.budget == "database" })
        #expect(db.expected.micros == 139_013_689)
        #expect(db.fires(db.expected))
    }
}
