import Analysis
import CostModel
import Foundation
import Pricing
import Reporting
import Scenarios
import TestSupport
import Testing

/// The roadmap timeline (`starts:`) and the monthly finance rows built on it.
@Suite struct FinanceTests {
    func shipped(_ name: String, start: String? = nil, months: Int? = nil) throws -> (Scenario, ScenarioCost, Timeline) {
        try withEngine { engine in
            let (scenario, phases) = try engine.validate(path: Fixtures.root + "/scenarios/\(name).yaml")
            let timeline = try Timeline.build(scenario, start: start.flatMap { YearMonth(parsing: $0) }, months: months)
            return (scenario, try engine.plan(scenario, phases, overrides: try Overrides([])), timeline)
        }
    }

    func fixture(months: Int) throws -> (ScenarioCost, [FinanceRow]) {
        try withEngine { engine in
            let (scenario, phases) = try engine.validate(path: Fixtures.root + "/Tests/Fixtures/scenarios/commitments.yaml")
            let cost = try engine.plan(scenario, phases, overrides: try Overrides([]))
            return (cost, Finance.rows(cost, try Timeline.build(scenario, start: nil, months: months)))
        }
    }

    /// Seed 001's timeline: v1.5 "2-3 weeks after MVP validation" (assumed +1 month), v2.0 "6-12
    /// months post-launch" (+9 after v1.0), v3.0 "12-18 months post-launch" (+15 after v1.0).
    @Test func quotingAppTimelineFollowsTheSeed() throws {
        let (_, _, t) = try shipped("quoting-app")
        #expect(
            t.starts.map { "\($0.phase)@\($0.month)\($0.triggered ? "?" : "")" } == [
                "v1.0@2027-01", "v1.5@2027-02?", "v2.0@2027-10?", "v3.0@2028-04?",
            ])
        #expect(t.months.count == 28)  // to the last start (month 15) + 12 more
        #expect(t.months.last?.description == "2029-04")
        #expect(t.phases[0] == "v1.0" && t.phases[1] == "v1.5" && t.phases[8] == "v1.5" && t.phases[9] == "v2.0")
        let early = try shipped("quoting-app", start: "2026-11", months: 4).2
        #expect(early.phases == [nil, nil, "v1.0", "v1.5"])  // nothing runs before v1.0 starts
    }

    /// Every month's rows add up exactly to the plan total of the phase running that month.
    @Test(arguments: ["orcha", "quoting-app", "code-refactor", "media-gpu", "nat-vs-endpoints"])
    func monthSumsEqualPlanTotals(_ name: String) throws {
        let (_, cost, timeline) = try shipped(name)
        let rows = Finance.rows(cost, timeline)
        #expect(!rows.isEmpty)
        for (i, month) in timeline.months.enumerated() {
            let id = try #require(timeline.phases[i])
            let phase = try #require(cost.phase(id))
            let of = rows.filter { $0.month == month }
            #expect(of.reduce(Money.zero) { $0 + $1.billed } == phase.monthlyCost, "\(name) \(month)")
            #expect(of.reduce(Money.zero) { $0 + $1.effective } == phase.monthlyCost, "\(name) \(month)")
            #expect(of.reduce(Money.zero) { $0 + $1.low } == phase.low)
            #expect(of.reduce(Money.zero) { $0 + $1.high } == phase.high)
        }
    }

    @Test func orchaPerTenantLinesSplitIntoThreeTenantsToTheCent() throws {
        let (_, cost, timeline) = try shipped("orcha")
        let month = try #require(timeline.starts.first { $0.phase == "per-tenant" }?.month)
        #expect(month.description == "2028-03")  // +3 +3 +2 +2 +2 +2 months after 2027-01
        let rows = Finance.rows(cost, timeline).filter { $0.month == month && $0.tenant != nil }
        #expect(Set(rows.compactMap(\.tenant)) == ["tenant-1", "tenant-2", "tenant-3"])
        let perTenantTotal = rows.reduce(Money.zero) { $0 + $1.effective }
        let lines = try #require(cost.phase("per-tenant")).lines.filter { $0.tenants != nil }
        #expect(perTenantTotal == lines.reduce(Money.zero) { $0 + $1.monthlyCost })
        #expect(perTenantTotal.usd == "86.87")  // 28.96 per tenant (seed 000: ~$30)
        let first = rows.filter { $0.tenant == "tenant-1" }.reduce(Money.zero) { $0 + $1.effective }
        let third = rows.filter { $0.tenant == "tenant-3" }.reduce(Money.zero) { $0 + $1.effective }
        #expect(first.usd == "28.96" || first.usd == "28.97")
        #expect((first - third).micros >= 0 && (first - third).micros <= 30_000)  // odd cents go to the first tenants
    }

    /// Upfront fees are Purchase rows in the month their term starts (again when a 36-month
    /// term runs out); the monthly share of a fee is effective cost, not billed.
    @Test func upfrontFeesArePurchasesAndTheirSharesAreNotBilledAgain() throws {
        let (cost, rows) = try fixture(months: 38)
        let purchases = rows.filter { $0.kind == .purchase }
        #expect(
            purchases.map { "\($0.month) \($0.line.resource) \($0.billed.usd)" } == [
                "2027-01 db 112.00", "2027-01 cache 114.00", "2030-01 db 112.00", "2030-01 cache 114.00",
            ])
        #expect(purchases.allSatisfy { $0.effective == .zero })
        let january = rows.filter { $0.month.description == "2027-01" }
        let february = rows.filter { $0.month.description == "2027-02" }
        let base = try #require(cost.phase("base"))
        #expect(base.monthlyCost.usd == "58.31")  // 8.55 RDS + 17.67 EC2 + 6.09 ElastiCache + 26 Sentry
        #expect(january.reduce(Money.zero) { $0 + $1.effective } == base.monthlyCost)
        // billed: 58.31 - 3.11 - 3.17 (the fees' monthly shares) + 112 + 114 (the fees)
        #expect(january.reduce(Money.zero) { $0 + $1.billed }.usd == "278.03")
        #expect(february.reduce(Money.zero) { $0 + $1.billed }.usd == "52.03")
        let fee = try #require(february.first { $0.line.resource == "db" && $0.line.upfront != nil })
        #expect(fee.billed == .zero && fee.effective.usd == "3.11" && fee.commitment == "Reserved Instance")
        // The phase that starts when triggered (assumed +3): three tenants' worker and queue.
        let april = rows.filter { $0.month.description == "2027-04" }
        #expect(Set(april.map(\.phase)) == ["tenants"])
        #expect(april.filter { $0.line.resource == "worker" }.map(\.effective.usd) == ["7.01", "7.01", "7.00"])  // 21.02 split
    }

    @Test func focusCSVHasTheColumnsAndQuoting() throws {
        let (cost, rows) = try fixture(months: 4)
        let csv = FinanceRenderer.focusCSV(
            rows, scenario: "commitments", tags: [("Project", "fixture")], currency: cost.currency,
            account: .init(id: "acct", name: "Plan, \"quoted\""))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,BillingPeriodEnd"))
        #expect(lines[0].hasSuffix("x_Scenario,x_Phase,x_Tenant,x_PriceSource,x_Low,x_High"))
        #expect(lines.count == rows.count + 2)  // header, rows, and the empty string after the last CRLF
        #expect(lines[1].hasPrefix("acct,\"Plan, \"\"quoted\"\"\",USD,2027-01-01T00:00:00Z,2027-02-01T00:00:00Z,"))
        let purchase = try #require(lines.first { $0.contains(",Purchase,") })
        #expect(purchase.contains(",One-Time,112.00,0.00,112.00,112.00,112.00,112.00,Committed,1.0,Commitments,"))
        let sentry = try #require(lines.first { $0.contains("sentry: monthly amount") })
        #expect(sentry.contains(",Sentry,Sentry,Sentry,,,commitments/sentry,sentry,fixed,Other,Other (Other),Sentry,"))
        let tenant = try #require(lines.first { $0.contains("tenant-2") })
        #expect(tenant.contains("\"{\"\"Project\"\":\"\"fixture\"\",\"\"Tenant\"\":\"\"tenant-2\"\"}\""))
        #expect(FinanceRenderer.focusUnit("GB-month") == "GB-Months")
        #expect(FinanceRenderer.focusUnit("hour") == "Hours")
        #expect(FinanceRenderer.focusUnit("LCU-hour") == "LCU-Hours")
        #expect(FinanceRenderer.focusUnit("request") == "Requests")
        #expect(FinanceRenderer.focusUnit("IO") == "IO")
    }

    @Test func summaryIsOneRowPerMonthAndService() throws {
        let (cost, rows) = try fixture(months: 2)
        let summary = FinanceRenderer.summary(rows, currency: cost.currency)
        #expect(
            summary.components(separatedBy: "\r\n").prefix(5) == [
                "month,phase,service,billed_cost,effective_cost,low,high,currency",
                "2027-01,base,Amazon Relational Database Service,117.44,8.55,8.55,8.55,USD",
                "2027-01,base,Amazon Elastic Compute Cloud,17.67,17.67,17.67,17.67,USD",
                "2027-01,base,Amazon ElastiCache,116.92,6.09,6.09,6.09,USD",
                "2027-01,base,Sentry,26.00,26.00,26.00,26.00,USD",
            ])
    }

    func scheduleError(_ phases: String, start: String? = nil) -> String {
        let yaml = "name: t\nregion: eu-central-1\nphases:\n" + phases
        do {
            let scenario = try ScenarioLoader.parse(yaml, path: "t.yaml")
            _ = try Timeline.build(scenario, start: start.flatMap { YearMonth(parsing: $0) }, months: nil)
            return "no error"
        } catch let e as UserError {
            return e.description
        } catch {
            return "\(error)"
        }
    }

    @Test func badSchedulesAreClearErrors() {
        let r = "    resources: [{id: s, type: sqs}]\n"
        #expect(
            scheduleError("  - id: a\n    starts: next month\n" + r).contains(
                "t.yaml:5:13: error: starts: 'next month' is not a month"))
        #expect(
            scheduleError("  - id: a\n    starts: 2027-13\n" + r).contains("t.yaml:5:13: error: starts: '2027-13' is not a month")
        )
        #expect(
            scheduleError("  - id: a\n    starts: 2027-01\n" + r + "  - id: b\n    extends: a\n    starts: +2 after aa\n")
                .contains("t.yaml:9:13: error: starts: 'aa' is not an earlier phase. did you mean 'a'?"))
        #expect(
            scheduleError("  - id: a\n    starts: 2027-01\n" + r + "  - id: b\n    extends: a\n    starts: 2027-01\n")
                .contains("t.yaml:9:13: error: phases 'a' and 'b' both start in 2027-01; a month runs one phase"))
        #expect(
            scheduleError("  - id: a\n    starts: 2027-05\n" + r + "  - id: b\n    extends: a\n    starts: 2027-02\n")
                .contains("error: phase 'b' starts in 2027-02, before 'a', which it extends, starts (2027-05)"))
        #expect(
            scheduleError("  - id: a\n" + r + "  - id: b\n    extends: a\n    starts: +2\n", start: "2027-01")
                .contains("t.yaml:8:13: error: phase 'b' starts +2 months after 'a', which has no 'starts:'"))
        #expect(
            scheduleError("  - id: a\n    starts: {when: triggered, assume: +1}\n" + r)
                .contains("t.yaml:5:13: error: phase 'a' starts when triggered, but lists no triggers"))
        #expect(
            scheduleError("  - id: a\n    starts: {when: later, assume: +1}\n" + r)
                .contains("error: 'when' can only be 'triggered'"))
        #expect(scheduleError("  - id: a\n" + r).contains("t.yaml:4:5: error: no phase of the scenario says when it starts"))
        #expect(scheduleError("  - id: a\n    starts: +0\n" + r).contains("give it with --start YYYY-MM"))
        #expect(scheduleError("  - id: a\n    starts: +0\n" + r, start: "2027-01") == "no error")
    }

    @Test func yearMonthArithmetic() {
        let m = YearMonth(parsing: "2027-11")!
        #expect(m.adding(months: 2).description == "2028-01")
        #expect(m.adding(months: -11).description == "2026-12")
        #expect(m.adding(months: 2).months(since: m) == 2)
        #expect(YearMonth(parsing: "2027-00") == nil && YearMonth(parsing: "27-01") == nil && YearMonth(parsing: "2027-1") == nil)
        #expect(YearMonth(parsing: "2028-02")!.days == 29)
        #expect(m.startTimestamp == "2027-11-01T00:00:00Z")
    }
}
