import CostModel
import Foundation
import TestSupport
import Testing

/// Every input is bounded: a gzip bomb, an endless field, a symbolic-link loop and an output
/// that is a directory each get a clear error and the right exit status, with memory flat.
@Suite struct InputBoundsTests {
    /// `{"status": N, "maxrss_kb": N}` of one orcha-cost run, measured by the test Price List
    /// server script's `rss` helper (wait4 on the child).
    func measured(_ args: [String]) throws -> (status: Int, rssKB: Int, err: String) {
        let (status, out, err) = try runProgram(
            "/usr/bin/env", ["python3", Fixtures.root + "/Tests/Tools/price_list_server.py", "rss", "--", Fixtures.binary] + args)
        #expect(status == 0, "\(err)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Int], "\(out)")
        return (result["status"] ?? -1, result["maxrss_kb"] ?? 0, err)
    }

    /// Writes a gzip file whose content is `head`, then `megabytes` of `a`, then `tail`.
    func bomb(_ path: String, head: String, megabytes: Int, tail: String) throws {
        let script = """
            import gzip, sys
            with gzip.open(sys.argv[1], 'wb', compresslevel=9) as f:
                f.write(sys.argv[2].encode())
                for _ in range(int(sys.argv[3])): f.write(b'a' * (1 << 20))
                f.write(sys.argv[4].encode())
            """
        let (status, _, err) = try runProgram(
            "/usr/bin/env", ["python3", "-c", script, path, head, String(megabytes), tail])
        #expect(status == 0, "\(err)")
    }

    @Test func aGzipBombOfOneFieldStopsAt16MiB() throws {
        let dir = TempDir()
        let file = dir.file("bomb.csv.gz")
        try bomb(file, head: "timestamp,metric,value\n2026-10-01T00:00:00Z,", megabytes: 300, tail: ",1\n")
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0 < 1_000_000)
        let run = try measured(["metrics", "import", file, "--data", dir.file("d.sqlite")])
        #expect(run.status == 65)
        #expect(run.err.hasPrefix("\(file):2: error: a field longer than 16 MiB: not a CSV file orcha-cost reads"), "\(run.err)")
        #expect(run.rssKB < 200_000, "peak RSS \(run.rssKB) KB")
    }

    @Test func endlessBinaryInputStopsEarly() throws {
        let dir = TempDir()
        let run = try measured(["bills", "import", "/dev/zero", "--data", dir.file("d.sqlite")])
        #expect(run.status == 65)
        #expect(run.err.hasPrefix("/dev/zero:1: error: a field longer than 16 MiB"), "\(run.err)")
        #expect(run.rssKB < 200_000, "peak RSS \(run.rssKB) KB")
    }

    @Test func aCloudWatchJSONBombStopsAt64MiB() throws {
        let dir = TempDir()
        let file = dir.file("bomb.json.gz")
        try bomb(file, head: "{\"MetricDataResults\": [{\"Id\": \"m\", \"Label\": \"", megabytes: 300, tail: "\"}]}")
        let run = try measured(["triggers", Fixtures.root + "/scenarios/quoting-app.yaml", "--metrics", file])
        #expect(run.status == 65)
        #expect(
            run.err.hasPrefix("\(file): error: more than 64 MiB once decompressed: too large for a CloudWatch JSON export"),
            "\(run.err)")
        #expect(run.rssKB < 400_000, "peak RSS \(run.rssKB) KB")
    }

    @Test func aSymbolicLinkLoopIsAMissingInputAndADirectoryIsNoOutput() throws {
        let dir = TempDir()
        let a = dir.file("a.csv")
        let b = dir.file("b.csv")
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: b)
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: a)
        let (loop, _, loopErr) = try runTool(["bills", "import", a, "--data", dir.file("d.sqlite")])
        #expect(loop == 66)
        #expect(loopErr.hasPrefix("\(a): error: cannot open: a loop of symbolic links"), "\(loopErr)")
        let (report, _, reportErr) = try runTool(
            ["report", Fixtures.root + "/scenarios/orcha.yaml", "-o", dir.path], cwd: Fixtures.root)
        #expect(report == 73)
        #expect(reportErr.hasPrefix("\(dir.path): error: is a directory: cannot create the output file there"), "\(reportErr)")
    }
}
