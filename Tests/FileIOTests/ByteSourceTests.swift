import CostModel
import FileIO
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Plain and gzip content through ``ByteSource``: the same bytes and fingerprint either way,
/// concatenated members, and a `path: error:` for each kind of damage.
@Suite struct ByteSourceTests {
    static let text = Array(String(repeating: "timestamp,metric,value\n2026-11-01T00:00:00Z,m,1\n", count: 5000).utf8)

    /// The whole content of `bytes` written to a file, and the source's fingerprint.
    static func read(_ bytes: [UInt8]) throws -> (content: [UInt8], fingerprint: String, isGzip: Bool) {
        let dir = TempDir()
        let path = dir.write("content", bytes: bytes)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let source = try ByteSource(fd: fd, path: path)
        let content = try source.readAll(limit: 1 << 24, what: "a test")
        return (content, source.fingerprint, source.isGzip)
    }

    /// The first diagnostic reading `bytes` gives.
    static func failure(_ bytes: [UInt8]) throws -> String? {
        do {
            _ = try read(bytes)
            return nil
        } catch let error as UserError {
            return error.diagnostics.first?.message
        }
    }

    @Test func gzipAndPlainGiveTheSameContentAndFingerprint() throws {
        let plain = try Self.read(Self.text)
        let gzipped = try Self.read(try gzip(Self.text))
        #expect(!plain.isGzip && gzipped.isGzip)
        #expect(plain.content == Self.text)
        #expect(gzipped.content == Self.text)
        #expect(plain.fingerprint == gzipped.fingerprint)
        #expect(plain.fingerprint.hasSuffix("-\(Self.text.count)"))
    }

    @Test func concatenatedMembersReadOneAfterTheOther() throws {
        let half = Self.text.count / 2
        let parts = try gzip(Array(Self.text[..<half])) + gzip(Array(Self.text[half...]))
        #expect(try Self.read(parts).content == Self.text)
    }

    @Test func damagedGzipSaysWhatIsWrong() throws {
        let compressed = try gzip(Self.text)
        #expect(
            try Self.failure(Array(compressed.prefix(compressed.count / 2)))
                == "the gzip file is truncated: it ends before its compressed data does")
        #expect(
            try Self.failure(compressed + Array("garbage".utf8))
                == "the gzip data is corrupt (data after the end of the compressed stream)")
        var flipped = compressed
        flipped[flipped.count - 6] ^= 0xff  // the CRC-32 of the trailer
        #expect(try Self.failure(flipped) == "the gzip data is corrupt (incorrect data check)")
    }

    @Test func aPipePrefixIsReadFirst() throws {
        let compressed = try gzip(Self.text)
        // No descriptor: the content is the prefix alone (what a peek at a pipe read).
        let source = try ByteSource(fd: -1, path: "pipe", prefix: compressed)
        #expect(source.isSequential && source.isGzip)
        #expect(try source.readAll(limit: 1 << 24, what: "a test") == Self.text)
    }

    @Test func readAllStopsAtItsLimit() throws {
        let dir = TempDir()
        let path = dir.write("big.gz", bytes: try gzip(Self.text))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let source = try ByteSource(fd: fd, path: path)
        do {
            _ = try source.readAll(limit: 1 << 10, what: "a test")
            Issue.record("no limit")
        } catch let error as UserError {
            #expect(error.diagnostics.first?.message == "more than 0 MiB once decompressed: too large for a test")
        }
    }
}
