import Foundation
import TestSupport
import Testing

/// Output paths as a newcomer writes them.
@Suite struct OutputPathTests {
    @Test func budgetExportCreatesTheFolderAndFinanceDashIsStdout() throws {
        let dir = TempDir()
        let folder = dir.file("out/budgets")
        let (status, out, err) = try runTool(
            [
                "budget", "export", "scenarios/orcha.yaml", "--format", "aws-cli", "-o", folder, "--catalog",
                dir.file("c.sqlite"),
            ], cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.count >= 2 && files.count % 2 == 0)
        #expect(files.contains { $0.hasSuffix(".budget.json") })
        #expect(out.contains("file://\(folder)/"))

        let cwd = TempDir()
        let (fs, csv, _) = try runTool(
            [
                "finance", Fixtures.root + "/scenarios/quoting-app.yaml", "--start", "2027-01", "--months", "2",
                "--format", "summary", "-o", "-", "--catalog", dir.file("c.sqlite"),
            ], cwd: cwd.path)
        #expect(fs == 0)
        #expect(csv.hasPrefix("month,phase,service,billed_cost,effective_cost,low,high,currency"))
        #expect(!FileManager.default.fileExists(atPath: cwd.file("-")))
    }
}

/// `sweep` as a newcomer tries it.
@Suite struct SweepNewcomerTests {
    /// code-refactor's `service` runs 0.25 vCPU / 0.5 GB Fargate tasks: each task adds 36.04 a
    /// month (1 task: 149.84 in current, 232.62 with private networking).
    @Test func aCountSweepsInWholeStepsAndMistakesSayVary() throws {
        let dir = TempDir()
        let (status, out, err) = try runTool(
            ["sweep", "scenarios/code-refactor.yaml", "--vary", "service.tasks=1..6", "--catalog", dir.file("c.sqlite")],
            cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        let rows = out.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ").map(String.init) }
        #expect(rows.map { $0[0] } == ["1", "2", "3", "4", "5", "6"])
        #expect(rows.first == ["1", "149.84", "232.62"])
        #expect(rows.last == ["6", "330.04", "412.82"])

        let (bad, _, message) = try runTool(
            ["sweep", "scenarios/code-refactor.yaml", "--vary", "service.taks=1..6", "--catalog", dir.file("c.sqlite")],
            cwd: Fixtures.root)
        #expect(bad == 64)
        #expect(message.hasPrefix("orcha-cost: error: --vary: service (fargate_service) has no parameter 'taks'."))
    }
}

/// Plan's sources switch and simulate's note on MEAN against PLAN.
@Suite struct PlanOutputSwitchTests {
    @Test func noSourcesDropsTheListAndTheSrcColumnButKeepsPriceAndQuality() throws {
        let dir = TempDir()
        let (_, full, _) = try runTool(["plan", "--catalog", dir.file("c.sqlite")], cwd: Fixtures.root)
        let (status, short, _) = try runTool(["plan", "--no-sources", "--catalog", dir.file("c.sqlite")], cwd: Fixtures.root)
        #expect(status == 0)
        #expect(full.contains("\nSources\n[1] ec2.instance.t4g.medium.linux in eu-central-1"))
        #expect(!short.contains("Sources") && !short.contains("SRC") && !short.contains("[1]"))
        #expect(short.contains("PRICE"))
        #expect(short.contains("total 128.06  (range 119.85..136.26)"))
        #expect(
            short.hasSuffix(
                "33 not official: orcha-cost catalog update --region eu-central-1 replaces them with AWS's own prices\n"))
    }

    @Test func simulateSaysWhyItsMeanIsNotThePlan() throws {
        let dir = TempDir()
        let (status, out, _) = try runTool(
            ["simulate", "scenarios/quoting-app.yaml", "--samples", "20000", "--catalog", dir.file("c.sqlite")],
            cwd: Fixtures.root)
        #expect(status == 0)
        #expect(
            out.contains(
                "\nnote: MEAN differs from PLAN in v1.5, v2.0, v3.0: the plan prices each uncertain input at its expected value"
            ))
    }
}
