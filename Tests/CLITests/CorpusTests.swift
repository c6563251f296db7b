import CostModel
import FileIO
import Foundation
import Pricing
import TestSupport
import Testing

/// The bad-input corpus (Tests/Corpus): every file through the real binary. Each must end with
/// the documented exit status and a `path:line[:col]: error:` message naming the problem, never
/// a crash or a stack trace, and a failed import must leave the catalog as it was. Kind `store`:
/// files joined by `+` imported into a fresh data store in that order, the last one refused. Kind
/// `cloudformation`: a template given to `import cloudformation -o FILE`, which must not write FILE.
@Suite struct CorpusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: String
        var file: String
        var status: Int32
        var message: String
        var testDescription: String { "\(kind) \(file)" }
    }

    static let root = Fixtures.root + "/Tests/Corpus"
    static let absoluteRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path

    static let cases: [Case] = readText(root + "/expected.tsv").split(separator: "\n").compactMap { line in
        if line.hasPrefix("#") { return nil }
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 4, let status = Int32(f[2]) else { return nil }
        return Case(kind: f[0], file: f[1], status: status, message: f[3])
    }

    @Test func theCorpusIsLargeAndCoversEveryKind() {
        #expect(Self.cases.count >= 60)
        #expect(
            Set(Self.cases.map(\.kind)) == ["scenario", "price-list", "sheet", "bill", "metrics", "store", "cloudformation"])
    }

    /// One catalog for every case, built once (removed when the test process exits); a case that
    /// imports into a catalog gets its own copy and must leave it as it was.
    static let catalog: (path: String, snapshot: String) = {
        let dir = catalogDirectory
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: CorpusTests.catalogDirectory) }
        let path = dir + "/catalog.sqlite"
        let built = (try? runTool(["catalog", "list", "--catalog", path]))?.0
        precondition(built == 0, "the corpus catalog could not be built")
        return (path, (try? snapshot(try Catalog(path: path))) ?? "")
    }()
    static var catalogDirectory: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("orcha-cost-corpus-\(getpid())").path
    }

    @Test(arguments: cases)
    func badFileGetsItsMessageAndExitStatus(_ c: Case) throws {
        let dir = TempDir()
        let base = dir.path
        var catalog = Self.catalog.path
        let args: [String]
        switch c.kind {
        case "scenario": args = ["check", c.file, "--catalog", catalog]
        case "price-list":
            catalog = dir.file("catalog.sqlite")
            try FileManager.default.copyItem(atPath: Self.catalog.path, toPath: catalog)
            args = ["catalog", "import", "--quiet", c.file, "--catalog", catalog]
        case "metrics":
            // Files joined by `+` are given together (pages of one query); the last one is refused.
            args =
                ["triggers", Fixtures.root + "/scenarios/quoting-app.yaml"]
                + c.file.split(separator: "+").flatMap { ["--metrics", String($0)] } + ["--catalog", catalog]
        case "store":
            // Files imported one after the other into a fresh data store; the last one fails.
            args = ["metrics", "import"] + c.file.split(separator: "+").map(String.init) + ["--data", base + "/store.sqlite"]
        case "cloudformation":
            args = ["import", "cloudformation", c.file, "--region", "eu-central-1", "-o", base + "/imported.yaml"]
        case "bill":
            args = [
                "budget", "variance", Fixtures.root + "/scenarios/orcha.yaml", "--phase", "mvp", "--actuals", c.file,
                "--catalog", catalog,
            ]
        default: args = ["catalog", "list", "--pricing", c.file, "--catalog", base + "/sheet.sqlite"]
        }
        let (status, _, err) = try runTool(args, cwd: Self.root)
        let shown =
            c.kind == "sheet"
            ? c.file + (c.message.hasPrefix("/") ? "" : "/aws/eu-central-1.csv")
            : String(c.file.split(separator: "+").last.map(String.init) ?? c.file)
        let first = err.split(separator: "\n").first.map(String.init) ?? ""
        #expect(status == c.status, "\(c.file): exit \(status)\n\(err)")
        // The data store names files by absolute path: {corpus} stands for this folder's.
        // {tomorrow} is the latest plausible day (PlausibleDates: a day past the clock).
        let message = c.message.replacingOccurrences(of: "{corpus}", with: Self.absoluteRoot)
            .replacingOccurrences(of: "{tomorrow}", with: PlausibleDates.day(PlausibleDates.latest()))
        #expect(first == shown + message, "\(c.file)")
        for crash in ["Fatal error", "Stack dump", "Segmentation fault", "Illegal instruction", "panic"] {
            #expect(!err.contains(crash), "\(c.file) crashed: \(err)")
        }
        if c.kind == "price-list" {
            #expect(try snapshot(try Catalog(path: catalog)) == Self.catalog.snapshot, "\(c.file) left the catalog as it was")
        }
        if c.kind == "cloudformation" {
            #expect(!FileManager.default.fileExists(atPath: base + "/imported.yaml"), "\(c.file): nothing is written")
        }
    }
}
