import Foundation
import TestSupport
import Testing

/// Tag and tenant scopes through the binary: the check's warning, variance within a budget's
/// scope, bills from the data store.
@Suite struct BudgetScopeCommandTests {
    static let bills = "Tests/Fixtures/bills/tenants/"

    @Test func aTenantBudgetOnThePlanAndItsWarning() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let path = dir.write(
            "o.yaml",
            readText(Fixtures.root + "/scenarios/orcha.yaml") + """
                  - name: t2
                    amount: 25
                    scope: {tenant: tenant-2}
                    notifications:
                      - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100}

                """)
        let (status, out, err) = try runTool(["budget", "check", path, "--phase", "multi-az", "--phase", "per-tenant"] + c)
        #expect(status == 1, "\(err)")
        #expect(
            out.contains(
                "t2             per-tenant  ACTUAL > 100%          25.00            28.95    28.95..28.95    -3.95  ALARM"),
            "\(out)")
        #expect(
            out.contains("t2             multi-az    ACTUAL > 100%          25.00             0.00      0.00..0.00    25.00  OK"),
            "\(out)")
        #expect(
            out.contains("tenant-1       per-tenant  ACTUAL > 100%          30.00            28.97    28.97..28.97     1.03  OK"),
            "\(out)")
        #expect(
            err.contains(
                "orcha-cost: warning: budget 't2' is scoped to tenant 'tenant-2', which phase multi-az does not have: its planned spend there is 0.00"
            ), "\(err)")
        #expect(err.contains("orcha-cost: 4 budget alarms would fire at expected usage"), "\(err)")
    }

    @Test func varianceAndCheckWithinABudgetsScope() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let (status, out, err) = try runTool(
            [
                "budget", "variance", "scenarios/orcha.yaml", "--phase", "per-tenant", "--budget", "tenant-1", "--actuals",
                Self.bills + "cur-legacy.csv",
            ] + c, cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        #expect(out.contains("2026-03  AmazonEC2        28.80   18.43    -10.37   -36.0%"), "\(out)")
        #expect(out.contains("2026-03  TOTAL            28.97   18.47    -10.50   -36.2%"), "\(out)")
        let (typo, _, typoErr) = try runTool(
            [
                "budget", "variance", "scenarios/orcha.yaml", "--phase", "per-tenant", "--budget", "tenant1", "--actuals",
                Self.bills + "focus.csv",
            ] + c, cwd: Fixtures.root)
        #expect(typo == 64)
        #expect(typoErr.contains("no budget 'tenant1' in scenarios/orcha.yaml. did you mean 'tenant-1'?"), "\(typoErr)")
        let (scoped, _, scopedErr) = try runTool(
            [
                "budget", "variance", "scenarios/orcha.yaml", "--phase", "nat", "--budget", "tenant-1", "--actuals",
                Self.bills + "focus.csv",
            ] + c, cwd: Fixtures.root)
        #expect(scoped == 64)
        #expect(scopedErr.contains("budget 'tenant-1' is scoped to phase 'per-tenant', not 'nat'"), "\(scopedErr)")

        // The same from the data store.
        let data = ["--data", dir.file("data.sqlite")]
        let (imported, _, importErr) = try runTool(["bills", "import", Self.bills + "cur2.csv"] + data, cwd: Fixtures.root)
        #expect(imported == 0, "\(importErr)")
        let (checked, table, checkErr) = try runTool(
            ["budget", "check", "scenarios/orcha.yaml", "--phase", "per-tenant", "--stored-bills"] + c + data,
            cwd: Fixtures.root)
        #expect(checked == 0, "\(checkErr)")
        #expect(table.contains("tenant-1       per-tenant  ACTUAL > 100%          30.00   18.47   11.53  OK"), "\(table)")
        #expect(
            table.contains(
                "forecast tenant-1 2026-03: 28.67 = 18.47 to day 20 of 31 + 11 days at the run rate weighted 20/31 and the plan (28.97/month) weighted 11/31"
            ), "\(table)")
    }
}
