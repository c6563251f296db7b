import Foundation
import TestSupport
import Testing

/// Numbers too large to plan with end every command with an input error, never a trap
/// (exit 132/134 and a backtrace before): 65 with the position in the file, 64 for a `--set`.
@Suite struct HugeNumberCommandTests {
    static let corpus = Fixtures.root + "/Tests/Corpus/scenarios/"

    static func expectRefused(_ args: [String], status: Int32, first: String) throws {
        let dir = TempDir()
        let (code, _, err) = try runTool(args + ["--catalog", dir.file("c.sqlite")], cwd: Fixtures.root)
        #expect(code == status, "\(args): \(err)")
        #expect(err.split(separator: "\n").first.map(String.init) == first, "\(args)")
        #expect(!err.contains("Fatal error") && !err.contains("Stack dump"))
    }

    @Test func everyCommandRefusesAQuantityTooLarge() throws {
        let file = Self.corpus + "overflow-tenants.yaml"
        let first =
            file
            + ":9:14: error: tenants 1000000000000 gives resource 'worker' a quantity (instance hours) that exceeds the largest amount orcha-cost can represent (9000000000000 a month)"
        for command in [
            ["check"], ["plan"], ["plan", "--format", "csv"], ["finance", "--start", "2027-01", "--months", "2"],
            ["simulate", "--samples", "100"], ["sweep", "--vary", "tenants=1..3"],
            ["diff", "--from", "shared", "--to", "tenants"],
        ] {
            try Self.expectRefused([command[0], file] + command.dropFirst(), status: 65, first: first)
        }
    }

    @Test func aFixedAmountTooLargeInPlanAndABudgetInBudgetCheck() throws {
        try Self.expectRefused(
            ["plan", Self.corpus + "overflow-fixed.yaml"], status: 65,
            first: Self.corpus
                + "overflow-fixed.yaml:6:40: error: 'monthly' 1000000000 exceeds the largest amount orcha-cost can represent (900000000.00 USD a month)"
        )
        try Self.expectRefused(
            ["budget", "check", Self.corpus + "overflow-budget-amount.yaml"], status: 65,
            first: Self.corpus
                + "overflow-budget-amount.yaml:9:13: error: budget 'monthly': amount 9000000000000 exceeds the largest amount orcha-cost can represent (900000000.00 USD a period)"
        )
    }

    @Test func aSetTooLargeIsACommandLineError() throws {
        try Self.expectRefused(
            ["plan", "scenarios/orcha.yaml", "--set", "app.count=9000000000000"], status: 64,
            first:
                "--set app.count=9000000000000: error: 'count' 9000000000000 gives resource 'app' a quantity (instance hours) that exceeds the largest amount orcha-cost can represent (9000000000000 a month)"
        )
    }
}

/// The default timeline (up to the last phase's start + 12) is capped like `--months`.
@Suite struct TimelineLimitTests {
    @Test func aDefaultTimelineOverTwelveHundredMonthsNamesTheLastPhase() throws {
        let dir = TempDir()
        let path = dir.write(
            "far.yaml",
            """
            name: far
            region: eu-central-1
            phases:
              - id: a
                starts: 2027-01
                resources:
                  - {id: x, type: ec2_instance, instance_type: t4g.medium}
              - id: b
                extends: a
                starts: +1000
              - id: c
                extends: b
                starts: +500
            """)
        let (status, out, err) = try runTool(["finance", path, "--catalog", dir.file("c.sqlite")])
        #expect(status == 65, "\(err)")
        #expect(out.isEmpty)
        #expect(
            err.split(separator: "\n").first.map(String.init)
                == path
                + ":13:13: error: phase 'c' starts in 2152-01, 1500 months after the timeline's first month (2027-01): a timeline has at most 1200 months"
        )
        // With --months the same scenario is fine: 1200 months, phase a then b.
        let (ok, summary, _) = try runTool(
            ["finance", path, "--months", "1200", "--format", "summary", "--catalog", dir.file("c.sqlite")])
        #expect(ok == 0)
        #expect(summary.contains("2126-12"))
        #expect(!summary.contains("2127-01"))
    }

    @Test func startOutsideThePlausibleYearsIsACommandLineError() throws {
        let dir = TempDir()
        let (status, _, err) = try runTool(
            ["finance", "scenarios/quoting-app.yaml", "--start", "9999-01", "--catalog", dir.file("c.sqlite")],
            cwd: Fixtures.root)
        #expect(status == 64)
        #expect(err.contains("--start '9999-01' is outside the years orcha-cost plans (2000 to 2100)"))
    }
}
