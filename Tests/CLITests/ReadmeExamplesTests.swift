import Foundation
import TestSupport
import Testing

/// The README's worked examples (`$ orcha-cost ...` blocks) run against the real binary: every
/// output line the README shows must come out, in order (`...` skips lines). Run in a folder of
/// their own (with the checkout's scenarios, fixtures and sheets linked in), on a fresh catalog
/// and data store, one after the other, so `bills import` is seen by the next command.
@Suite struct ReadmeExamplesTests {
    struct Example: Sendable, CustomStringConvertible {
        var command: String
        var expected: [String]
        var line: Int
        var description: String { "README.md:\(line): \(command)" }
    }

    /// Examples that need what a test cannot have, with the reason.
    static let skipped: [(fragment: String, why: String)] = [
        ("check bad.yaml", "an excerpt of a file the README shows only in part"),
        ("plan london.yaml", "a scenario the README describes in words"),
        ("catalog update", "AWS's endpoint; CatalogUpdateTests run the same against a loopback server"),
        ("catalog import index.json", "a JSON offer file the README names as an example of a wrong file"),
        ("check big.yaml", "a generated 10,000-phase scenario (bench/phases.sh)"),
        ("plan newuser.yaml", "an excerpt; FreeTierTests price the same system"),
    ]

    static func examples() -> [Example] {
        let lines = readText(Fixtures.root + "/README.md").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        var out: [Example] = []
        var inBlock = false
        var current: Example?
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("```") {
                if let c = current { out.append(c) }
                current = nil
                inBlock.toggle()
                i += 1
                continue
            }
            if inBlock, line.hasPrefix("$ orcha-cost ") {
                if let c = current { out.append(c) }
                var command = String(line.dropFirst(2))
                let start = i + 1
                while command.hasSuffix("\\"), i + 1 < lines.count {
                    i += 1
                    command = String(command.dropLast()) + " " + lines[i].trimmingCharacters(in: .whitespaces)
                }
                if let hash = command.range(of: "     #") { command = String(command[..<hash.lowerBound]) }
                current = Example(command: command, expected: [], line: start)
            } else if inBlock, current != nil {
                current!.expected.append(line)
            }
            i += 1
        }
        return out
    }

    static func normalize(_ line: String) -> String {
        var s = line
        while s.hasSuffix(" ") { s.removeLast() }
        // Throughput varies run by run, and a report's size with every change to its layout.
        if let r = s.range(of: #"\[[0-9.]+ MB/s\]"#, options: .regularExpression) { s.replaceSubrange(r, with: "[MB/s]") }
        if let r = s.range(of: #"\([0-9]+ KB\)"#, options: .regularExpression) { s.replaceSubrange(r, with: "(KB)") }
        return s
    }

    @Test func everyExampleGivesTheOutputTheReadmeShows() throws {
        let dir = TempDir()
        for name in ["scenarios", "Tests", "pricing"] {
            try FileManager.default.createSymbolicLink(atPath: dir.file(name), withDestinationPath: Fixtures.root + "/" + name)
        }
        let examples = Self.examples()
        #expect(examples.count >= 25, "found \(examples.count)")
        var ran = 0
        for example in examples {
            if Self.skipped.contains(where: { example.command.contains($0.fragment) }) { continue }
            let command = example.command.replacingOccurrences(of: "/tmp/", with: dir.path + "/out/")
                .replacingOccurrences(of: "orcha-cost ", with: Fixtures.binary + " ")
            try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: true)
            let (_, out, err) = try runProgram(
                "/bin/sh", ["-c", command],
                environment: [
                    "ORCHA_COST_CATALOG": dir.file("catalog.sqlite"), "ORCHA_COST_DATA": dir.file("data.sqlite"),
                    "ORCHA_COST_PRICING": dir.file("pricing"), "COLUMNS": "200",
                ], cwd: dir.path)
            ran += 1
            // The README's absolute paths are a checkout at /home/me/orcha-cost.
            let actual = (out + err).split(separator: "\n", omittingEmptySubsequences: false).map {
                Self.normalize(
                    String($0).replacingOccurrences(of: dir.path + "/out/", with: "/tmp/")
                        .replacingOccurrences(of: dir.path, with: "/home/me/orcha-cost")
                        .replacingOccurrences(of: Fixtures.root, with: "/home/me/orcha-cost"))
            }
            var at = 0
            for expected in example.expected.map(Self.normalize) where !expected.isEmpty {
                if expected.trimmingCharacters(in: .whitespaces) == "..." { continue }
                // A line the README cuts short ("..., ...") matches by its beginning.
                let prefix = expected.hasSuffix("...") ? String(expected.dropLast(3)) : nil
                let found = actual[at...].firstIndex { prefix.map($0.hasPrefix) ?? ($0 == expected) }
                guard let found else {
                    Issue.record(
                        "\(example): the README shows a line the binary does not print:\n\(expected)\n--- actual:\n\(actual.joined(separator: "\n"))"
                    )
                    break
                }
                at = found + 1
            }
        }
        #expect(ran >= 20)
    }
}
