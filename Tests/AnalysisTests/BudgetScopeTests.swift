import Analysis
import CostModel
import DataStore
import Foundation
import TestSupport
import Testing

@testable import Billing

/// Budgets scoped by tag and tenant (`scope: {tags: ...}`, `scope: {tenant: ...}`): what they
/// cover of the plan, of the bills in the three layouts and in the data store.
@Suite struct BudgetScopeTests {
    static let orcha = Fixtures.root + "/scenarios/orcha.yaml"
    static let tenantBills = Fixtures.root + "/Tests/Fixtures/bills/tenants/"

    /// The Orcha scenario with `extra` appended to its budgets.
    func orchaWith(_ extra: String, in dir: TempDir) -> String {
        dir.write("orcha.yaml", readText(BudgetScopeTests.orcha) + extra)
    }

    func alarms(_ path: String, phases: [String] = []) throws -> [BudgetAlarm] {
        try withEngine { try $0.checkBudgets(path: path, phases: phases, overrides: try Overrides([])) }
    }

    func bills(_ file: String) throws -> Actuals {
        var a = Actuals()
        try a.load(path: BudgetScopeTests.tenantBills + file)
        return a
    }

    /// A tenant budget of $25 with an ACTUAL > 100% alarm on the per-tenant phase fires: the
    /// tenant's share of the per-tenant lines is the finance file's split of each line to the
    /// cent (tenant-1 takes the odd cents: 0.04 + 0.13 + 28.04 + 0.76 = 28.97; tenant-2 and
    /// tenant-3 0.04 + 0.12 + 28.03 + 0.76 = 28.95). Seed 000 says "~$30/month" per tenant; the
    /// even split of the three tenants' 86.87 would be 28.96 / 28.96 / 28.95.
    @Test func aTenantBudgetCoversTheTenantsShareOfThePerTenantLines() throws {
        let dir = TempDir()
        let path = orchaWith(
            """
              - name: t2
                amount: 25
                scope: {tenant: tenant-2}
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100}
              - name: t1
                amount: 25
                scope: {tags: {Tenant: tenant-1}}
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100}
              - name: t3-ec2
                amount: 25
                scope: {tenant: tenant-3, service: AmazonEC2}
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100}

            """, in: dir)
        let all = try alarms(path, phases: ["per-tenant"])
        func alarm(_ name: String) throws -> BudgetAlarm { try #require(all.first { $0.budget == name }) }
        let t2 = try alarm("t2")
        #expect(t2.expected.usd == "28.95" && t2.low.usd == "28.95" && t2.high.usd == "28.95")
        #expect(t2.threshold.usd == "25.00")
        #expect(t2.fires(t2.expected))
        #expect(t2.margin.usd == "-3.95")
        #expect(t2.missingTenant == nil)
        #expect(try alarm("t1").expected.usd == "28.97")  // the tag Tenant is the tenant scope
        #expect(try alarm("t3-ec2").expected.usd == "28.79")  // worker hours 28.03 + EBS 0.76, no SQS or S3
        // The shipped tenant-1 budget ($30, the seed's figure) holds at plan.
        let shipped = try alarm("tenant-1")
        #expect(shipped.expected.usd == "28.97" && !shipped.fires(shipped.expected))

        // The three tenants' shares add up to the per-tenant lines, to the cent.
        let cost = try withEngine { try $0.plan(path: path, overrides: try Overrides([])) }
        let phase = try cost.requirePhase("per-tenant")
        let perTenant = phase.lines.filter { $0.tenants != nil }.reduce(Money.zero) { $0 + $1.monthlyCost }
        #expect(perTenant.usd == "86.87")
        let budgets = try withEngine { try $0.validate(path: path).0.budgets }
        let shares = (1...3).map { n in
            var b = budgets[0]
            b.service = nil
            b.tags = []
            b.tenant = "tenant-\(n)"
            return ScopedCost(b, phase: phase, scenarioTags: []).expected
        }
        #expect(shares.map(\.usd) == ["28.97", "28.95", "28.95"])
        #expect(shares.reduce(.zero, +) == perTenant)
    }

    /// Every line carries the scenario's tags: a tag scope that the scenario's tags satisfy covers
    /// the whole phase (or its service's lines); tenant shares carry them too.
    @Test func aTagScopeCoversEveryLineCarryingTheTag() throws {
        let dir = TempDir()
        let path = orchaWith(
            """
              - name: project
                amount: 500
                scope: {tags: {Project: orcha, ManagedBy: cdk}}
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100}
              - name: prod-tenant
                amount: 500
                scope: {tags: {Environment: prod}, tenant: tenant-2}
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100}

            """, in: dir)
        let all = try alarms(path)
        func expected(_ budget: String, _ phase: String) throws -> String {
            try #require(all.first { $0.budget == budget && $0.phase == phase }).expected.usd
        }
        #expect(try expected("project", "mvp") == "128.06")  // the whole phase
        #expect(try expected("project", "per-tenant") == "480.27")
        #expect(try expected("prod-compute", "per-tenant") == "187.12")  // AmazonEC2 lines, NAT included
        #expect(try expected("prod-compute", "mvp") == "28.79")
        #expect(try expected("prod-tenant", "per-tenant") == "28.95")
        #expect(try expected("prod-tenant", "mvp") == "0.00")
    }

    /// A tenant scope on a phase that has no such tenant (fewer tenants, or none) is zero with a
    /// warning, not an error: AWS Budgets also show 0 for a tag nothing carries yet.
    @Test func aTenantThePhaseDoesNotHaveIsZeroWithAWarning() throws {
        let dir = TempDir()
        let path = dir.write(
            "t.yaml",
            """
            name: t
            region: eu-central-1
            tags: {Project: p}
            phases:
              - id: shared
                resources:
                  - {id: app, type: ec2_instance, instance_type: t4g.medium}
              - id: two
                extends: shared
                tenants: 2
                per_tenant:
                  - {id: w, type: ec2_instance, instance_type: t4g.small}
              - id: three
                extends: two
                tenants: 3
            budgets:
              - name: third
                amount: 10
                scope: {tenant: tenant-3}
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100}
                  - {type: ACTUAL, comparison: LESS_THAN, threshold: 10}

            """)
        let all = try alarms(path)
        // Three t4g.small workers: 3 × 730 h × $0.0192 = 42.05, split 14.02 / 14.02 / 14.01.
        #expect(
            all.map { "\($0.phase) \($0.expected.usd) \($0.missingTenant ?? "-")" } == [
                "shared 0.00 tenant-3", "shared 0.00 tenant-3", "two 0.00 tenant-3", "two 0.00 tenant-3", "three 14.01 -",
                "three 14.01 -",
            ])
        // A LESS_THAN alarm sees the zero, as AWS would.
        #expect(all[1].fires(all[1].expected))
        #expect(
            BudgetAlarm.tenantWarnings(all) == [
                "budget 'third' is scoped to tenant 'tenant-3', which phases shared, two do not have: its planned spend there is 0.00"
            ])
    }

    /// The same line items, with Project and Tenant tags, in the legacy CUR
    /// (`resourceTags/user:Tenant`), CUR 2.0 (`resource_tags` `user_tenant`) and FOCUS (`Tags`
    /// `user:Tenant`) layouts give the same per-tenant spend; untagged rows (the RDS instance)
    /// are outside every tag scope.
    @Test(arguments: ["cur-legacy.csv", "cur2.csv", "focus.csv"])
    func perTenantActualsAreTheSameInEveryLayout(file: String) throws {
        let a = try bills(file)
        #expect(a.months == ["2026-03"])
        // 4 × 18.432 + 0.4913548387 + 0.0823 + 0.04 − 2.00 (credit) + 0.00000012 + 35.52 (RDS)
        #expect(a.total(month: "2026-03").micros == 107_861_655)
        func spend(_ tags: [Budget.Tag], service: String? = nil) -> Int64 {
            a.filtered { t in tags.allSatisfy { $0.isIn(t) } }.total(month: "2026-03", service: service).micros
        }
        #expect(spend([.init("Tenant", "tenant-1")]) == 18_472_000)  // worker 18.432 + SQS 0.04
        // worker 18.432 + EBS 0.4913548387 + S3 0.0823 − credit 2.00 + SQS 0.00000012
        #expect(spend([.init("Tenant", "tenant-2")]) == 17_005_655)
        #expect(spend([.init("Tenant", "tenant-2")], service: "AmazonEC2") == 16_923_355)
        #expect(spend([.init("Tenant", "tenant-3")]) == 18_432_000)
        #expect(spend([.init("Tenant", "tenant-4")]) == 0)
        // Keys are compared without case (the store keeps them lower-cased); values exactly.
        #expect(spend([.init("tenant", "tenant-1")]) == 18_472_000)
        #expect(spend([.init("Tenant", "Tenant-1")]) == 0)
        // The untagged RDS row is in no tag scope: Project=orcha is everything but its 35.52.
        #expect(spend([.init("Project", "orcha")]) == 107_861_655 - 35_520_000)
        #expect(spend([.init("Project", "orcha")], service: "AmazonRDS") == 0)
        #expect(spend([.init("Project", "orcha"), .init("Environment", "prod")]) == 18_432_000)
        // Filtering keeps the days the bills cover, for the forecast.
        #expect(a.filtered { _ in false }.lastDay == ["2026-03": 20])
        #expect(a.filtered { _ in false }.months == ["2026-03"])
    }

    /// Budget check on the bills: the tenant's month-to-date spend, and a forecast blended with
    /// the tenant's share of the plan (28.95), not the whole phase's.
    @Test(arguments: ["cur-legacy.csv", "cur2.csv", "focus.csv"])
    func tenantBudgetsOnTheBills(file: String) throws {
        let dir = TempDir()
        let path = orchaWith(
            """
              - name: t2
                amount: 25
                scope: {tenant: tenant-2}
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100}
                  - {type: FORECASTED, comparison: GREATER_THAN, threshold: 100}

            """, in: dir)
        let bills = try bills(file)
        let checked = try withEngine {
            try $0.checkBudgets(path: path, phase: "per-tenant", month: nil, overrides: try Overrides([]), actuals: bills)
        }
        let t2 = checked.alarms.filter { $0.budget == "t2" }
        #expect(t2.map(\.expected.usd) == ["17.01", "26.69"])
        #expect(t2.map { $0.fires($0.expected) } == [false, true])
        let forecast = try #require(checked.forecasts["t2"])
        // 17.005655 + 11 × (17.005655 × 31 + 11 × 28.95) / 961 = 17.005655 + 9.679374
        #expect(forecast.plan.usd == "28.95")
        #expect(forecast.forecast.micros == 26_685_029)
        #expect(forecast.daysElapsed == 20 && forecast.daysInMonth == 31)
        // The shipped budgets: tenant-1 spent 18.47; prod-compute (AmazonEC2, Environment=prod)
        // only the shared app's 18.43; the whole-account budget everything, untagged RDS included.
        let spend = Dictionary(
            checked.alarms.filter { $0.notification.kind == .actual }.map { ($0.budget, $0.expected.usd) },
            uniquingKeysWith: { a, _ in a })
        #expect(spend["tenant-1"] == "18.47")
        #expect(spend["monthly-total"] == "107.86")
        #expect(checked.forecasts["prod-compute"]?.actualToDate.usd == "18.43")
    }

    /// Variance limited to a budget's scope: the tenant's plan share against its tagged bill rows.
    @Test func varianceWithinABudgetsScope() throws {
        let rows = try withEngine {
            try $0.variance(
                path: BudgetScopeTests.orcha, phase: "per-tenant", overrides: try Overrides([]),
                actuals: try bills("cur2.csv"), budget: "tenant-1")
        }
        #expect(
            rows.map { "\($0.service) \($0.plan.usd) \($0.actual.usd)" } == [
                "AWSQueueService 0.04 0.04", "AmazonEC2 28.80 18.43", "AmazonS3 0.13 0.00",
            ])
        let ec2 = try withEngine {
            try $0.variance(
                path: BudgetScopeTests.orcha, phase: "per-tenant", overrides: try Overrides([]),
                actuals: try bills("focus.csv"), budget: "prod-compute")
        }
        #expect(ec2.map { "\($0.service) \($0.plan.usd) \($0.actual.usd)" } == ["AmazonEC2 187.12 18.43"])
        #expect(throws: UserError.self) {
            try withEngine {
                try $0.variance(
                    path: BudgetScopeTests.orcha, phase: "per-tenant", overrides: try Overrides([]),
                    actuals: try bills("focus.csv"), budget: "tenant1")
            }
        }
    }

    /// Bills from the data store (tags stored per day, service and region) give the same
    /// per-tenant spend as the files.
    @Test(arguments: ["cur-legacy.csv", "cur2.csv", "focus.csv"])
    func perTenantActualsFromTheStore(file: String) throws {
        let dir = TempDir()
        let store = try DataStore(path: dir.file("data.sqlite"), create: true)
        _ = try store.importBills(path: BudgetScopeTests.tenantBills + file)
        let stored = try store.loadBills()
        let direct = try bills(file)
        for tenant in ["tenant-1", "tenant-2", "tenant-3"] {
            let tag = Budget.Tag("Tenant", tenant)
            #expect(
                stored.filtered { tag.isIn($0) }.total(month: "2026-03")
                    == direct.filtered { tag.isIn($0) }.total(month: "2026-03"))
        }
        #expect(stored.filtered { Budget.Tag("Tenant", "tenant-2").isIn($0) }.total(month: "2026-03").micros == 17_005_655)
        let checked = try withEngine {
            try $0.checkBudgets(
                path: BudgetScopeTests.orcha, phase: "per-tenant", month: "2026-03", overrides: try Overrides([]),
                actuals: stored)
        }
        #expect(checked.forecasts["tenant-1"]?.actualToDate.usd == "18.47")
    }
}
