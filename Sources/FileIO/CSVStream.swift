import CostModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One CSV record as handed to the consumer: a view into a batch of parsed records, valid only
/// during the callback. Fields are addressed by index.
public struct CSVRecord {
    @usableFromInline let arena: UnsafeRawPointer
    @usableFromInline let starts: UnsafePointer<Int>  // count + 1 offsets into `arena`
    /// Number of fields.
    public let count: Int
    /// Physical line (1-based) where the record starts.
    public let line: Int

    /// Raw bytes of field `i` (empty when the field is empty or missing).
    @inlinable @inline(__always)
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        guard i >= 0, i < count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: arena + starts[i], count: starts[i + 1] - starts[i])
    }

    @inlinable
    public func string(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }
}

/// Streams a CSV file through libcsv in fixed-size chunks (memory stays flat whatever the file
/// size); a gzip file is decompressed on the way (``ByteSource``), without a temp file. Accepts LF and CRLF line ends and a UTF-8 byte-order mark; tracks physical line
/// numbers; rejects bad quoting (strict mode), NUL bytes and invalid UTF-8.
///
/// Parsing runs on a second thread, one batch of records ahead of the consumer, so that CSV
/// parsing and the consumer's work (SQLite inserts) use both cores. At most a few batches of
/// about 256 KB are in flight.
public final class CSVStream {
    public let path: String
    /// The file's size; for a pipe the size the producer announced (0 when unknown).
    public let fileSize: Int
    let fd: Int32
    /// False for a descriptor that cannot seek (a pipe, a FIFO, `<(zcat ...)`, a socket): it
    /// is read once, front to back, and its first bytes are peeked into ``head`` without seeking.
    public let isSeekable: Bool
    /// Bytes already read from a pipe's start by a peek, not yet consumed.
    var head: [UInt8] = []
    var headReachedEnd = false
    /// Skip lines starting with `#` or `//` before the first record (provenance notes that
    /// some saved copies of price lists carry).
    public var skipLeadingCommentLines = false
    /// The longest field and the longest record read (16 and 64 MiB): far beyond any price list,
    /// bill or metrics export, and small enough that a hostile file (a gzip bomb of one field,
    /// `/dev/zero`) fails early with memory flat.
    public static let maxFieldBytes = 16 << 20
    public static let maxRecordBytes = 64 << 20

    /// Plain lines (no quotes, spaces, tabs, control characters or non-ASCII bytes) are split
    /// here rather than by libcsv, with the same records; false sends every line through libcsv
    /// (tests compare the two).
    public var splitsPlainLines = true

    /// What the file is, in the hints of its damage messages.
    public let hints: CSVHints

    /// A stream over the file at `path`; `hints` say how to get a good file of its kind.
    public init(path: String, hints: CSVHints) throws {
        self.path = path
        self.hints = hints
        let (fd, st) = try InputFile.open(path, kind: "a CSV file")
        self.fd = fd
        isSeekable = InputFile.isSeekable(st)
        self.fileSize = isSeekable ? Int(st.st_size) : 0
    }

    /// A stream over an open descriptor, which it now owns (and closes). `path` names the
    /// content in messages (a URL for a download); `size` is the expected content size for
    /// progress, when the descriptor is a pipe.
    public init(fd: Int32, path: String, size: Int = 0, hints: CSVHints) {
        self.path = path
        self.hints = hints
        self.fd = fd
        let st = try? System.fstat(fd)
        isSeekable = st.map(InputFile.isSeekable) ?? false
        fileSize = isSeekable ? Int(st?.st_size ?? 0) : size
    }

    deinit { close(fd) }

    /// Whether the file is gzip-compressed (it is then decompressed as it is read).
    public var isGzip: Bool { leadingFileBytes(2) == InputFile.gzipMagic }

    /// Fingerprint of the content read by the last complete ``forEachRecord(progress:_:)``
    /// (decompressed bytes for a gzip file): CRC-32, Adler-32 and length. Nil when
    /// ``computesFingerprint`` is off.
    public private(set) var fingerprint: String?

    /// Whether reading computes ``fingerprint`` (both checksums of every byte: a tenth of the
    /// parsing thread's time on a price list; the bills and metrics stores need it, the price-list
    /// importer does not).
    public var computesFingerprint = true

    /// Up to `n` bytes from the start of the content (decompressed for a gzip file), to recognise
    /// what a file is before parsing. Empty when a gzip file is damaged at its start.
    public func leadingBytes(_ n: Int) -> [UInt8] {
        guard isGzip else { return leadingFileBytes(n) }
        let source: ByteSource
        if isSeekable {
            guard let s = try? ByteSource(fd: fd, path: path) else { return [] }
            source = s
        } else {
            // Decompress from the peeked bytes alone: the pipe is read once, by the parser.
            _ = leadingFileBytes(max(n, 1 << 16))
            guard let s = try? ByteSource(fd: -1, path: path, prefix: head) else { return [] }
            source = s
        }
        var bytes = [UInt8](repeating: 0, count: n)
        var got = 0
        while got < n {
            let k = (try? bytes.withUnsafeMutableBytes { try source.read(into: $0.baseAddress! + got, count: n - got) }) ?? 0
            if k == 0 { break }
            got += k
        }
        return Array(bytes.prefix(got))
    }

    /// The whole content (decompressed for a gzip file), for small files such as JSON; more
    /// than `limit` bytes is an error (a gzip bomb stops there).
    public func readAll(limit: Int, what: String) throws -> [UInt8] {
        let source = try contentSource()
        let all = try source.readAll(limit: limit, what: what)
        fingerprint = computesFingerprint ? source.fingerprint : nil
        return all
    }

    /// A reader of the whole content: from offset 0 for a file; for a pipe, the peeked bytes
    /// and then the rest of the pipe (which can be read so only once).
    func contentSource() throws -> ByteSource {
        let source = try makeContentSource()
        source.checksums = computesFingerprint
        return source
    }

    private func makeContentSource() throws -> ByteSource {
        if isSeekable { return try ByteSource(fd: fd, path: path) }
        _ = leadingFileBytes(2)  // gzip detection needs the magic bytes in the prefix
        let prefix = head
        head = []
        return try ByteSource(fd: fd, path: path, prefix: prefix)
    }

    /// Up to `n` bytes from the start of the file as stored (not decompressed). On a pipe they
    /// are read into ``head`` (until `n` bytes or the end), and handed out again by the parser.
    public func leadingFileBytes(_ n: Int) -> [UInt8] {
        if !isSeekable {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while head.count < n && !headReachedEnd {
                let want = min(chunk.count, n - head.count)
                let got = chunk.withUnsafeMutableBytes { (try? System.read(fd, $0.baseAddress!, want)) ?? -1 }
                if got <= 0 {
                    headReachedEnd = true
                    break
                }
                head.append(contentsOf: chunk[0..<got])
            }
            return Array(head.prefix(n))
        }
        var bytes = [UInt8](repeating: 0, count: n)
        let got = bytes.withUnsafeMutableBytes { (try? System.pread(fd, $0.baseAddress!, n, at: 0)) ?? 0 }
        return Array(bytes.prefix(got))
    }

    /// Reads the whole file, calling `onRecord` for each non-blank record (on the calling
    /// thread). Stops at the first error `onRecord` throws and rethrows it; a malformed CSV
    /// throws a diagnostic with the line where the problem is. `progress` gets the bytes read.
    public func forEachRecord(progress: ((Int) -> Void)? = nil, _ onRecord: (CSVRecord) throws -> Void) throws {
        try forEachRecord(progress: progress, prepare: nil) { record, _ in try onRecord(record) }
    }

    /// Work on each record on the parsing thread, before the consumer sees it, so that it runs
    /// beside the consumer's: appends to its second argument the bytes the consumer then gets
    /// with the record. Called in record order, one record at a time; it must not touch what the
    /// consumer uses until ``forEachRecord(progress:prepare:_:)`` returns.
    public typealias RecordPreparer = (CSVRecord, inout [UInt8]) -> Void

    /// Calls `onRecord` with each record and the bytes `prepare` wrote for it (empty without
    /// `prepare`).
    public func forEachRecord(
        progress: ((Int) -> Void)? = nil, prepare: RecordPreparer?,
        _ onRecord: (CSVRecord, UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let pipe = Pipe()
        pipe.prepare = prepare
        let done = DispatchSemaphore(value: 0)
        let parser = Parser(stream: self, pipe: pipe)
        let thread = Thread {
            parser.run()
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        defer {
            pipe.cancel()
            done.wait()
        }
        fingerprint = nil
        while true {
            switch pipe.take() {
            case .end:
                fingerprint = parser.fingerprint
                return
            case .failure(let error): throw error
            case .batch(let batch):
                progress?(batch.bytesRead)
                let prepared = !batch.extraEnds.isEmpty
                try batch.extra.withUnsafeBytes { extra in
                    for i in batch.records.indices {
                        let start = prepared && i > 0 ? batch.extraEnds[i - 1] : 0
                        let end = prepared ? batch.extraEnds[i] : 0
                        try onRecord(batch.record(i), UnsafeRawBufferPointer(rebasing: extra[start..<end]))
                    }
                }
                pipe.recycle(batch)
            }
        }
    }
}
