import CostModel
import FileIO
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The hints of a CSV file's damage messages are the caller's (a bill's are not a price list's).
@Suite struct CSVHintsTests {
    static let custom = CSVHints(invalidUTF8: "utf8 hint", malformedQuoting: "quoting hint", unclosedQuote: "unclosed hint")

    /// The first diagnostic reading `text` gives.
    static func diagnostic(_ text: [UInt8]) throws -> Diagnostic? {
        let dir = TempDir()
        let path = dir.write("file.csv", bytes: text)
        let stream = try CSVStream(path: path, hints: custom)
        do {
            try stream.forEachRecord { _ in }
            return nil
        } catch let error as UserError {
            return error.diagnostics.first
        }
    }

    @Test func eachDamageGetsTheCallersHint() throws {
        let utf8 = try #require(try Self.diagnostic(Array("a,b\n".utf8) + [0x63, 0xE9, 0x2C, 0x31, 0x0A]))
        #expect(utf8.message == "text is not valid UTF-8")
        #expect(utf8.line == 2)
        #expect(utf8.hint == "utf8 hint")
        let quoting = try #require(try Self.diagnostic(Array("a,b\nx\"y\"z,1\n".utf8)))
        #expect(quoting.message.hasPrefix("malformed CSV quoting"))
        #expect(quoting.hint == "quoting hint")
        let unclosed = try #require(try Self.diagnostic(Array("a,b\n\"never closed,1\n".utf8)))
        #expect(unclosed.message == "a quoted field is never closed: the file ends inside quotes (truncated download?)")
        #expect(unclosed.hint == "unclosed hint")
        #expect(!CSVHints.generic.invalidUTF8.contains("price list"))
    }

    @Test func inputFileMessages() throws {
        let dir = TempDir()
        #expect(throws: UserError.self) { _ = try InputFile.open(dir.file("missing.csv"), kind: "a CSV file") }
        do {
            _ = try InputFile.open(dir.path, kind: "a CSV file")
            Issue.record("a directory opened")
        } catch let error as UserError {
            #expect(error.diagnostics.first?.message == "is a directory, not a CSV file")
            #expect(error.status == .noInput)
        }
        let (fd, status) = try InputFile.open(dir.write("x.csv", "a\n"), kind: "a CSV file")
        defer { close(fd) }
        #expect(InputFile.isSeekable(status))
        #expect(status.st_size == 2)
    }
}
