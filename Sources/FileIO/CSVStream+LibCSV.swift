import CCSV
import CostModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CSVStream {
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
