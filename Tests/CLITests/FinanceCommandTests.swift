import CostModel
import Foundation
import TestSupport
import Testing

@Suite struct FinanceCommandTests {
    @Test func writesTheFileAtomicallyAndReportsWhatItWrote() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let out = dir.file("q.csv")
        let (status, stdout, err) = try runTool(["finance", "scenarios/quoting-app.yaml", "-o", out] + c, cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        #expect(stdout.isEmpty)
        #expect(err.contains("wrote \(out): 2027-01..2029-04 (28 months), 926 rows, USD 12281.73 billed in all"), "\(err)")
        #expect(readText(out).hasPrefix("BillingAccountId,BillingAccountName,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".orcha-cost-") }.isEmpty)

        let (s, summary, _) = try runTool(
            ["finance", "scenarios/quoting-app.yaml", "--start", "2026-12", "--months", "3", "--format", "summary"] + c,
            cwd: Fixtures.root)
        #expect(s == 0)
        let lines = summary.components(separatedBy: "\r\n")
        #expect(lines.first == "month,phase,service,billed_cost,effective_cost,low,high,currency")
        #expect(!summary.contains("2026-12"))  // no phase runs before v1.0 starts in 2027-01
        #expect(lines.filter { $0.hasPrefix("2027-01,v1.0,") }.count == 10)
        #expect(lines.contains("2027-02,v1.5,Elastic Load Balancing,24.24,24.24,21.32,27.16,USD"), "\(summary)")
    }

    @Test func badInputIsAClearErrorWithTheRightStatus() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let (badStart, _, startErr) = try runTool(
            ["finance", "scenarios/orcha.yaml", "--start", "2027-1"] + c, cwd: Fixtures.root)
        #expect(badStart == 64)
        #expect(startErr.contains("--start '2027-1' is not a month: write YYYY-MM"))
        let (badMonths, _, _) = try runTool(["finance", "scenarios/orcha.yaml", "--months", "0"] + c, cwd: Fixtures.root)
        #expect(badMonths == 64)
        let unscheduled = dir.write(
            "u.yaml", "name: u\nregion: eu-central-1\nphases:\n  - id: a\n    resources: [{id: q, type: sqs}]\n")
        let (none, _, noneErr) = try runTool(["finance", unscheduled] + c)
        #expect(none == 65)
        #expect(noneErr.contains("\(unscheduled):4:5: error: no phase of the scenario says when it starts"), "\(noneErr)")
        let (noDir, _, noDirErr) = try runTool(
            ["finance", "scenarios/orcha.yaml", "-o", dir.file("missing/x.csv")] + c, cwd: Fixtures.root)
        #expect(noDir == 73)
        #expect(noDirErr.contains("cannot create the output file"))
        let existing = dir.write("keep.csv", "old\n")
        let (typo, _, _) = try runTool(
            ["finance", "scenarios/orcha.yaml", "--set", "nope=1", "-o", existing] + c, cwd: Fixtures.root)
        #expect(typo != 0)
        #expect(readText(existing) == "old\n")  // a failed run leaves the earlier file
    }
}

/// The files in Reports/ are what `scripts/reports` writes today.
@Suite struct ReportsAreCurrentTests {
    @Test func reportsMatchAFreshRun() throws {
        let dir = TempDir()
        let (status, _, err) = try runProgram(
            Fixtures.root + "/scripts/reports", [dir.path], environment: ["ORCHA_COST_BIN": Fixtures.binary], cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        let fresh = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
        let committed = try FileManager.default.contentsOfDirectory(atPath: Fixtures.root + "/Reports")
            .filter { !$0.hasPrefix(".") && $0 != "screenshots" }.sorted()
        #expect(fresh.count >= 10)
        #expect(committed == fresh)
        for name in fresh {
            #expect(
                readText(Fixtures.root + "/Reports/" + name) == readText(dir.file(name)),
                "Reports/\(name) is stale: run scripts/reports and commit the result")
        }
    }
}

/// The finance files pass the FinOps Foundation's FOCUS 1.2 validator (focus-validator 2.2.1
/// from PyPI; scripts/test installs it into a venv of our own and sets ORCHA_COST_FOCUS_VALIDATE).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ORCHA_COST_FOCUS_VALIDATE"] != nil, "needs scripts/focus-validate"))
struct FocusValidatorTests {
    let validate = ProcessInfo.processInfo.environment["ORCHA_COST_FOCUS_VALIDATE"] ?? ""

    @Test func everyShippedScenarioAndTheCommitmentFixturePass() throws {
        let dir = TempDir()
        let fixture = dir.file("commitments.focus.csv")
        let (s, _, e) = try runTool(
            [
                "finance", "Tests/Fixtures/scenarios/commitments.yaml", "--months", "38", "-o", fixture, "--catalog",
                dir.file("c.sqlite"),
            ],
            cwd: Fixtures.root)
        #expect(s == 0, "\(e)")
        let files =
            ["orcha", "quoting-app", "code-refactor", "media-gpu", "nat-vs-endpoints"].map { "Reports/\($0).focus.csv" } + [
                fixture
            ]
        let (status, out, err) = try runProgram(validate, files, cwd: Fixtures.root)
        #expect(status == 0, "\(out)\(err)")
        #expect(out.components(separatedBy: ", 0 violated,").count - 1 == files.count, "\(out)")
    }

    @Test func theValidatorCatchesABadFile() throws {
        let dir = TempDir()
        let good = readText(Fixtures.root + "/Reports/nat-vs-endpoints.focus.csv")
        // A mandatory column misnamed, and a cost that is not a number.
        let bad = dir.write(
            "bad.csv",
            good.replacingOccurrences(of: ",ServiceName,", with: ",Service,")
                .replacingOccurrences(
                    of: "Usage,,nat: gateway hours,Usage-Based,37.96,", with: "Usage,,nat: gateway hours,Usage-Based,n/a,"))
        let (status, out, _) = try runProgram(validate, [bad], cwd: Fixtures.root)
        #expect(status == 1)
        #expect(out.contains("Column 'ServiceName' MUST be present"), "\(out)")
        #expect(out.contains("BilledCost"), "\(out)")
    }
}

/// A kill at any moment of `finance` or `report` leaves the earlier output file whole: they
/// build the text, write it to a temporary file and rename it over the target.
@Suite(.serialized) struct OutputCrashSafetyTests {
    @Test(arguments: [0.2, 1.0, 3.0])
    func sigkillDuringFinanceLeavesThePreviousFile(after seconds: Double) throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let out = dir.file("big.focus.csv")
        // 400 lines a month for 1,200 months (about 300 MB): longer than the kill takes to come.
        let resources = (0..<400).map { "      - {id: vendor\($0), type: fixed, monthly: \($0 + 1), source: quote \($0)}" }
        let scenario = dir.write(
            "big.yaml",
            "name: big\nregion: eu-central-1\nphases:\n  - id: all\n    starts: 2027-01\n    resources:\n"
                + resources.joined(separator: "\n") + "\n")
        let (s, _, e) = try runTool(["finance", scenario, "--months", "2", "-o", out] + c, cwd: Fixtures.root)
        #expect(s == 0, "\(e)")
        let before = readText(out)
        #expect(before.hasPrefix("BillingAccountId,"))
        let landed = try runToolKilled(
            ["finance", scenario, "--months", "1200", "-o", out] + c, after: seconds, cwd: Fixtures.root)
        #expect(landed, "it finished before the kill; make the work larger")
        #expect(readText(out) == before)
    }

    @Test(arguments: [0.3, 1.5])
    func sigkillDuringReportLeavesThePreviousFile(after seconds: Double) throws {
        let dir = TempDir()
        let out = dir.file("orcha.html")
        dir.write("orcha.html", "<!DOCTYPE html><title>the earlier report</title>\n")
        let landed = try runToolKilled(
            ["report", "scenarios/orcha.yaml", "--samples", "2000000", "-o", out, "--catalog", dir.file("c.sqlite")],
            after: seconds, cwd: Fixtures.root)
        #expect(landed, "it finished before the kill; make the work larger")
        #expect(readText(out) == "<!DOCTYPE html><title>the earlier report</title>\n")
    }
}
