import CostModel
import FileIO
import Foundation
import TestSupport
import Testing

/// Plain lines are split without libcsv (``CSVStream/splitsPlainLines``): the records, their
/// line numbers and the errors must be exactly libcsv's, whatever the mix of lines and wherever
/// the 1 MB chunks of the file end.
@Suite struct CSVPlainLineTests {
    /// Every record as "line: field|field|...", or the error.
    static func records(_ path: String, plainLines: Bool) -> [String] {
        var out: [String] = []
        do {
            let stream = try CSVStream(path: path, hints: .generic)
            stream.splitsPlainLines = plainLines
            try stream.forEachRecord { r in
                out.append("\(r.line): " + (0..<r.count).map { r.string($0) }.joined(separator: "|"))
            }
            out.append("fingerprint \(stream.fingerprint ?? "none")")
        } catch {
            out.append("error \(error)")
        }
        return out
    }

    /// Lines libcsv reads differently from a plain split, or that stop the read.
    static let unusual: [String] = [
        "a,,c,", ",", "x", "", "  padded , field ", "tab\there", "café,5", "ctrl\u{1}char,7", "a,b\r", "\r",
        "trailing space ,8", "del\u{7f},11",
    ]
    static let quoted: [String] = ["\"quoted, with comma\",2", "\"two\nlines\",3", "\"doubled \"\"quote\"\"\",4"]
    static let broken: [String] = ["\"unclosed,9", "bad\"quote,10", "nul\u{0}byte,6"]

    /// A random document of `lines` lines: mostly plain (as real exports are), some unusual,
    /// and with the chances given a quoted line (libcsv reads the rest) or a broken one (an
    /// error); LF or CR LF ended; sometimes a BOM, a line longer than a chunk, no final LF.
    static func document(_ rng: inout SplitMix64, lines: Int, long: Bool, quotedChance: Int, brokenChance: Int) -> [UInt8] {
        var text = Int.random(in: 0..<4, using: &rng) == 0 ? "\u{FEFF}" : ""
        func pick(_ list: [String]) -> String { list[Int.random(in: 0..<list.count, using: &rng)] }
        for k in 0..<lines {
            if long && k == lines / 2 { text += String(repeating: "y", count: 1_100_000) + ",long\n" }
            let piece: String
            if Int.random(in: 0..<quotedChance, using: &rng) == 0 {
                piece = pick(quoted)
            } else if Int.random(in: 0..<brokenChance, using: &rng) == 0 {
                piece = pick(broken)
            } else if Int.random(in: 0..<10, using: &rng) == 0 {
                piece = pick(unusual)
            } else {
                piece = "2026-11-\(10 + k % 18)T00:00:\(10 + k % 50)Z,m\(k % 7),\(k)"
            }
            text += piece + (Int.random(in: 0..<8, using: &rng) == 0 ? "\r\n" : "\n")
        }
        if Int.random(in: 0..<3, using: &rng) == 0 { text.removeLast() }  // no final line end
        return Array(text.utf8)
    }

    @Test(arguments: 0..<40)
    func plainLinesGiveLibcsvsRecords(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 0x9E37_79B9)
        let dir = TempDir()
        // Small documents, and large ones whose lines cross the 1 MB chunks (every tenth with
        // a line longer than a chunk).
        let large = seed % 4 == 0
        let lines = large ? 120_000 : Int.random(in: 1...200, using: &rng)
        let document = Self.document(
            &rng, lines: lines, long: seed % 8 == 0, quotedChance: large ? 200_000 : 60, brokenChance: large ? 400_000 : 150)
        let path = dir.write("d.csv", bytes: document)
        let plain = Self.records(path, plainLines: true)
        let reference = Self.records(path, plainLines: false)
        #expect(plain.count == reference.count)
        if large { #expect(plain.count > 30_000, "the large documents reach past the first chunk") }
        if let k = plain.indices.first(where: { $0 < reference.count && plain[$0] != reference[$0] }) {
            Issue.record(
                "seed \(seed): record \(k) differs:\n  plain:  \(plain[k].prefix(200))\n  libcsv: \(reference[k].prefix(200))")
        }
    }

    /// A file of plain lines only, then one quoted field spanning lines: records on both sides
    /// of the switch to libcsv, with their lines.
    @Test func aQuoteHandsTheRestToLibcsv() throws {
        let dir = TempDir()
        let path = dir.write("q.csv", "h1,h2\r\na,1\n\nb,2\n\"c\nstill c\",3\nd,4\n")
        let expected = ["1: h1|h2", "2: a|1", "4: b|2", "5: c\nstill c|3", "7: d|4"]
        #expect(Array(Self.records(path, plainLines: true).dropLast()) == expected)
        #expect(Self.records(path, plainLines: true) == Self.records(path, plainLines: false))
    }
}
