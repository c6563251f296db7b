import CCSV
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

    /// Parsed records: their bytes back to back, field offsets, and per record the index of its
    /// first offset, its field count and its line.
    final class Batch: @unchecked Sendable {
        static let target = 256 * 1024
        var bytes: UnsafeMutableRawPointer
        var byteCount = 0
        var byteCapacity: Int
        var offsets: UnsafeMutablePointer<Int>
        var offsetCount = 0
        var offsetCapacity: Int
        var records: [(offset: Int, fields: Int, line: Int)] = []
        /// Bytes of the file read when this batch was handed over.
        var bytesRead = 0
        /// What the stream's ``CSVStream/RecordPreparer`` wrote for each record: `extraEnds[i]`
        /// is where record i's bytes end in `extra`.
        var extra: [UInt8] = []
        var extraEnds: [Int] = []

        init() {
            byteCapacity = Batch.target + 64 * 1024
            bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCapacity, alignment: 16)
            offsetCapacity = 16 * 1024
            offsets = UnsafeMutablePointer<Int>.allocate(capacity: offsetCapacity)
            records.reserveCapacity(4096)
        }

        deinit {
            bytes.deallocate()
            offsets.deallocate()
        }

        func clear() {
            byteCount = 0
            offsetCount = 0
            records.removeAll(keepingCapacity: true)
            extra.removeAll(keepingCapacity: true)
            extraEnds.removeAll(keepingCapacity: true)
        }

        func record(_ i: Int) -> CSVRecord {
            let r = records[i]
            return CSVRecord(
                arena: UnsafeRawPointer(bytes), starts: UnsafePointer(offsets + r.offset), count: r.fields, line: r.line)
        }

        @inline(__always)
        func appendBytes(_ p: UnsafeRawPointer, _ n: Int) {
            if byteCount + n > byteCapacity { reserve(bytes: n, offsets: 0) }
            (bytes + byteCount).copyMemory(from: p, byteCount: n)
            byteCount += n
        }

        /// Room for `bytes` more bytes and `offsets` more offsets (capacities double).
        func reserve(bytes n: Int, offsets k: Int) {
            if byteCount + n > byteCapacity {
                var capacity = byteCapacity * 2
                while byteCount + n > capacity { capacity *= 2 }
                let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                grown.copyMemory(from: bytes, byteCount: byteCount)
                bytes.deallocate()
                bytes = grown
                byteCapacity = capacity
            }
            if offsetCount + k > offsetCapacity {
                var capacity = offsetCapacity * 2
                while offsetCount + k > capacity { capacity *= 2 }
                let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
                grown.update(from: offsets, count: offsetCount)
                offsets.deallocate()
                offsets = grown
                offsetCapacity = capacity
            }
        }

        @inline(__always)
        func appendOffset(_ o: Int) {
            if offsetCount == offsetCapacity { reserve(bytes: 0, offsets: 1) }
            offsets[offsetCount] = o
            offsetCount += 1
        }
    }

    /// Hands batches from the parsing thread to the consumer, at most `capacity` at a time, and
    /// recycles them.
    final class Pipe: @unchecked Sendable {
        enum Item {
            case batch(Batch)
            case end
            case failure(Error)
        }
        let condition = NSCondition()
        var items: [Item] = []
        var free: [Batch] = []
        var cancelled = false
        let capacity = 4
        /// Set before the parsing thread starts, run on it.
        var prepare: RecordPreparer?

        /// Blocks while the queue is full; false when the consumer gave up.
        func put(_ item: Item) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while items.count >= capacity && !cancelled { condition.wait() }
            if cancelled { return false }
            items.append(item)
            condition.broadcast()
            return true
        }

        func take() -> Item {
            condition.lock()
            defer { condition.unlock() }
            while items.isEmpty { condition.wait() }
            let item = items.removeFirst()
            condition.broadcast()
            return item
        }

        func recycle(_ batch: Batch) {
            batch.clear()
            condition.lock()
            free.append(batch)
            condition.unlock()
        }

        func freshBatch() -> Batch {
            condition.lock()
            defer { condition.unlock() }
            return free.popLast() ?? Batch()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }

        var isCancelled: Bool {
            condition.lock()
            defer { condition.unlock() }
            return cancelled
        }
    }

    /// Parser state shared with the libcsv callbacks (on the parsing thread).
    final class State {
        let pipe: Pipe
        /// The batch being filled.
        var batch: Batch { didSet { batchRef = Unmanaged.passUnretained(batch) } }
        /// The same batch without reference counting: the callbacks run per field, and a
        /// counted reference costs a retain/release pair on each (`batch` keeps it alive).
        var batchRef: Unmanaged<Batch>
        var recordByteStart = 0
        var recordOffsetStart = 0
        var line = 1
        var recordLine = 1
        var lastTerminator: Int32 = 0
        var fieldsInRecord = 0
        var stopped: Error?
        let path: String
        let hints: CSVHints
        var bytesRead = 0

        init(path: String, hints: CSVHints, pipe: Pipe) {
            self.path = path
            self.hints = hints
            self.pipe = pipe
            batch = pipe.freshBatch()
            batchRef = Unmanaged.passUnretained(batch)
        }

        @inline(__always)
        func field(_ p: UnsafeMutableRawPointer?, _ n: Int) {
            if stopped != nil { return }
            batchRef._withUnsafeGuaranteedRef { batch in fieldInto(batch, p, n) }
        }

        @inline(__always)
        func fieldInto(_ batch: Batch, _ p: UnsafeMutableRawPointer?, _ n: Int) {
            if fieldsInRecord == 0 {
                recordLine = line
                recordByteStart = batch.byteCount
                recordOffsetStart = batch.offsetCount
                batch.appendOffset(batch.byteCount)
            }
            fieldsInRecord += 1
            if batch.byteCount + n - recordByteStart > CSVStream.maxRecordBytes {
                stopped = UserError(
                    path: path, line: recordLine,
                    "a record longer than \(CSVStream.maxRecordBytes >> 20) MiB: not a CSV file orcha-cost reads",
                    hint: "check that the file is the export you meant (not binary data or a damaged download)")
                return
            }
            if n > 0, let p {
                batch.appendBytes(p, n)
                // Newlines inside quoted fields move the physical line on.
                if memchr(p, 10, n) != nil {
                    let b = p.assumingMemoryBound(to: UInt8.self)
                    for i in 0..<n where b[i] == 10 { line += 1 }
                }
            }
            batch.appendOffset(batch.byteCount)
        }

        func endRecord(_ c: Int32, validated: Bool = false) {
            if stopped != nil { return }
            defer { lastTerminator = c }
            if fieldsInRecord == 0 {
                // An empty record: a blank line, or the LF of a CRLF pair.
                if c == 10 && lastTerminator == 13 { return }
                if c == 10 || c == 13 { line += 1 }
                return
            }
            let first = recordLine
            if c == 10 || c == 13 { line += 1 }
            let fields = fieldsInRecord
            fieldsInRecord = 0
            do {
                if !validated {
                    try validate(
                        first,
                        UnsafeRawBufferPointer(
                            start: batch.bytes + recordByteStart,
                            count: batch.byteCount - recordByteStart))
                }
            } catch {
                stopped = error
                return
            }
            batch.records.append((recordOffsetStart, fields, first))
            if batch.byteCount >= Batch.target { handOver() }
        }

        /// Takes whole lines from the start of `base[0..<count]` as records without libcsv,
        /// while they are plain: no quote, space, tab, control character or non-ASCII byte, so
        /// every byte means to libcsv what it means here (a comma ends a field, the LF, or a
        /// CR LF pair, ends the record) and the record passes ``validate(_:_:)``. Stops before
        /// the first line that is not plain and before an incomplete last line; returns the
        /// bytes and lines taken. Each plain line costs one copy instead of a libcsv callback
        /// per field.
        func plainLines(_ base: UnsafeRawPointer, _ count: Int) -> (bytes: Int, lines: Int) {
            var taken = 0
            var lines = 0
            var current = batch
            while stopped == nil && taken < count {
                guard let lf = memchr(base + taken, 10, count - taken) else { break }
                let start = base + taken
                var n = UnsafeRawPointer(lf) - start
                let crlf = n > 0 && start.load(fromByteOffset: n - 1, as: UInt8.self) == 13
                if crlf { n -= 1 }
                if n > 0 {
                    guard let fields = plainRecord(current, start, n) else { break }
                    // What endRecord does for a record that needs no validation (for a CR LF
                    // pair libcsv reports the CR, then the LF as an empty record it skips).
                    current.records.append((current.offsetCount - fields - 1, fields, line))
                    line += 1
                    lastTerminator = 10
                    if current.byteCount >= Batch.target {
                        handOver()
                        current = batch
                    }
                } else {
                    if crlf { endRecord(13) }
                    endRecord(10)
                }
                taken += (crlf ? n + 1 : n) + 1
                lines += 1
            }
            return (taken, lines)
        }

        /// Appends the line `p[0..<n]` (no terminator) to the batch as a record's fields, split
        /// on commas, and returns their count; nil, with nothing appended, when the line is not
        /// plain. Eight bytes at a time where none of them is special.
        @inline(__always)
        func plainRecord(_ batch: Batch, _ p: UnsafeRawPointer, _ n: Int) -> Int? {
            batch.reserve(bytes: n, offsets: n + 2)
            let src = p.assumingMemoryBound(to: UInt8.self)
            let byteStart = batch.byteCount
            let offsetStart = batch.offsetCount
            let out = batch.bytes + byteStart
            let dst = out.assumingMemoryBound(to: UInt8.self)
            let offsets = batch.offsets + offsetStart
            offsets[0] = byteStart
            var fields = 1
            var w = 0
            var i = 0
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while i < n {
                if i + 8 <= n {
                    // Bytes below 33, commas, quotes or with the high bit set: a set high bit
                    // marks each (and possibly bytes above one: those go the slow way too).
                    let x = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let comma = x ^ (ones &* 44)
                    let quote = x ^ (ones &* 34)
                    let special =
                        ((x &- ones &* 33) & ~x) | ((comma &- ones) & ~comma) | ((quote &- ones) & ~quote) | x
                    if special & highs == 0 {
                        out.storeBytes(of: x, toByteOffset: w, as: UInt64.self)
                        w += 8
                        i += 8
                        continue
                    }
                }
                let end = min(i + 8, n)
                while i < end {
                    let c = src[i]
                    if c == 44 {
                        offsets[fields] = byteStart + w
                        fields += 1
                    } else if c <= 32 || c == 34 || c >= 128 {
                        return nil
                    } else {
                        dst[w] = c
                        w += 1
                    }
                    i += 1
                }
            }
            offsets[fields] = byteStart + w
            batch.byteCount = byteStart + w
            batch.offsetCount = offsetStart + fields + 1
            return fields
        }

        func handOver() {
            batch.bytesRead = bytesRead
            if let prepare = pipe.prepare {
                // Locals: an inout class property would be checked for exclusive access per record.
                var extra = batch.extra
                var ends = batch.extraEnds
                batch.extra = []
                batch.extraEnds = []
                for i in batch.records.indices {
                    prepare(batch.record(i), &extra)
                    ends.append(extra.count)
                }
                batch.extra = extra
                batch.extraEnds = ends
            }
            if !pipe.put(.batch(batch)) {
                stopped = CancellationError()
                return
            }
            batch = pipe.freshBatch()
        }

        func validate(_ line: Int, _ bytes: UnsafeRawBufferPointer) throws {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            if memchr(base, 0, bytes.count) != nil {
                throw UserError(
                    path: path, line: line, "NUL byte: this is binary data, not a CSV text file",
                    hint: "check that the file is the CSV you meant (not gzip/zip or a corrupted download)")
            }
            // ASCII fast path: OR 8 bytes at a time and look at the high bits.
            var high: UInt64 = 0
            var i = 0
            while i + 8 <= bytes.count {
                high |= bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < bytes.count {
                high |= UInt64(bytes[i])
                i += 1
            }
            if high & 0x8080_8080_8080_8080 != 0 {
                if String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) == nil {
                    throw UserError(
                        path: path, line: line, "text is not valid UTF-8",
                        hint: hints.invalidUTF8)
                }
            }
        }
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

    /// The parsing thread's work: read chunks, run libcsv, hand over batches.
    final class Parser: @unchecked Sendable {
        let stream: CSVStream
        let pipe: Pipe
        /// Set when the whole content has been read.
        var fingerprint: String?

        init(stream: CSVStream, pipe: Pipe) {
            self.stream = stream
            self.pipe = pipe
        }

        func run() {
            do {
                try parse()
                _ = pipe.put(.end)
            } catch is CancellationError {
                // the consumer stopped
            } catch {
                _ = pipe.put(.failure(error))
            }
        }

        func parse() throws {
            let state = State(path: stream.path, hints: stream.hints, pipe: pipe)
            do {
                try parse(into: state)
            } catch let error as UserError {
                // Records before the bad spot go first, so the consumer reports problems in
                // file order (a file that is not a price list says so at line 1).
                state.stopped = nil
                state.handOver()
                throw error
            }
        }

        func parse(into state: State) throws {
            let path = stream.path
            let source = try stream.contentSource()
            let chunkSize = 1 << 20
            var parser = csv_parser()
            guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
                throw UserError(message: "cannot initialise the CSV parser", status: .software)
            }
            defer { csv_free(&parser) }
            let ctx = Unmanaged.passUnretained(state).toOpaque()
            let cb1: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { p, n, ctx in
                Unmanaged<State>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.field(p, n) }
            }
            let cb2: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { c, ctx in
                Unmanaged<State>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.endRecord(c) }
            }
            // Room for a chunk after an incomplete line carried over from the previous one.
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * chunkSize, alignment: 16)
            defer { buffer.deallocate() }
            let base = buffer.baseAddress!
            var first = true
            // The line the next bytes given to libcsv start on (for its quoting errors).
            var linesBeforeChunk = 1
            // Plain lines (``State/plainLines(_:_:)``) bypass libcsv while it is at the start of
            // a record: only whole lines go to it, and none with a quote (which could open a
            // field that spans lines). After one, libcsv reads the rest of the file.
            var plain = stream.splitsPlainLines
            // Bytes at the buffer's start: the incomplete last line of the previous chunk.
            var carry = 0
            func feed(_ from: Int, _ to: Int) throws {
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[from..<to])
                let parsed = csv_parse(&parser, chunk.baseAddress, chunk.count, cb1, cb2, ctx)
                if let error = state.stopped { throw error }
                // libcsv holds the field it is in whole: stop before it grows without bound.
                if parser.entry_pos > CSVStream.maxFieldBytes {
                    throw UserError(
                        path: path, line: state.fieldsInRecord > 0 ? state.recordLine : linesBeforeChunk,
                        "a field longer than \(CSVStream.maxFieldBytes >> 20) MiB: not a CSV file orcha-cost reads",
                        hint: "check that the file is the export you meant (not binary data or a damaged download)")
                }
                if parsed != chunk.count {
                    var line = linesBeforeChunk
                    for b in chunk[0..<parsed] where b == 10 { line += 1 }
                    throw UserError(
                        path: path, line: line,
                        "malformed CSV quoting: a quote inside a field must be doubled (\"\") and a quoted field must end with a quote before the next comma",
                        hint: stream.hints.malformedQuoting)
                }
                var p = chunk.baseAddress!
                var remaining = chunk.count
                while remaining > 0, let nl = memchr(p, 10, remaining) {
                    linesBeforeChunk += 1
                    let step = UnsafeRawPointer(nl) - p + 1
                    p += step
                    remaining -= step
                }
            }
            while true {
                if pipe.isCancelled { throw CancellationError() }
                let n = try source.read(into: base + carry, count: chunkSize)
                if n == 0 { break }
                state.bytesRead = source.fileBytesRead
                var start = 0
                if first {
                    first = false
                    if n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
                    if stream.skipLeadingCommentLines {
                        while start < n
                            && (buffer[start] == UInt8(ascii: "#")
                                || (start + 1 < n && buffer[start] == UInt8(ascii: "/") && buffer[start + 1] == UInt8(ascii: "/")))
                        {
                            while start < n && buffer[start] != 10 { start += 1 }
                            if start < n { start += 1 }
                            state.line += 1
                            linesBeforeChunk += 1
                        }
                    }
                }
                let end = carry + n
                var at = start
                while plain && at < end {
                    let (bytes, lines) = state.plainLines(base + at, end - at)
                    if let error = state.stopped { throw error }
                    at += bytes
                    linesBeforeChunk += lines
                    // The next line is not plain, or incomplete (carried over to the next chunk).
                    guard let lf = memchr(base + at, 10, end - at) else { break }
                    let lineEnd = UnsafeRawPointer(lf) - UnsafeRawPointer(base) + 1
                    if memchr(base + at, 34, lineEnd - at) != nil {
                        plain = false
                        break
                    }
                    try feed(at, lineEnd)
                    at = lineEnd
                }
                if plain {
                    carry = end - at
                    if carry > 0 && at > 0 { memmove(base, base + at, carry) }
                    if carry >= chunkSize {
                        // A line longer than a chunk: libcsv takes it, and the rest.
                        try feed(0, carry)
                        carry = 0
                        plain = false
                    }
                } else {
                    try feed(at, end)
                    carry = 0
                }
            }
            if carry > 0 { try feed(0, carry) }
            if csv_fini(&parser, cb1, cb2, ctx) != 0 {
                throw UserError(
                    path: path, line: state.fieldsInRecord > 0 ? state.recordLine : state.line,
                    "a quoted field is never closed: the file ends inside quotes (truncated download?)",
                    hint: stream.hints.unclosedQuote)
            }
            if let error = state.stopped { throw error }
            fingerprint = source.checksums ? source.fingerprint : nil
            state.handOver()
            if let error = state.stopped { throw error }
        }
    }
}
