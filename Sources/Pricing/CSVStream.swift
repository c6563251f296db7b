import CCSV
import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One CSV record as handed to the consumer: field bytes live in a reused arena, valid only
/// during the callback. Fields are addressed by index.
public struct CSVRecord {
    let arena: UnsafeRawBufferPointer
    let starts: UnsafeBufferPointer<Int>  // count + 1 offsets
    /// Physical line (1-based) where the record starts.
    public let line: Int

    public var count: Int { starts.count - 1 }

    /// Raw bytes of field `i` (empty when the field is empty or missing).
    @inline(__always)
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        guard i >= 0, i < count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: arena[starts[i]..<starts[i + 1]])
    }

    public func string(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    public func isEmpty(_ i: Int) -> Bool { bytes(i).isEmpty }

    /// All bytes of the record, for validity checks.
    var allBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[0..<starts[starts.count - 1]])
    }
}

/// Streams a CSV file through libcsv in fixed-size chunks (memory stays flat whatever the file
/// size). Accepts LF and CRLF line ends and a UTF-8 byte-order mark; tracks physical line
/// numbers; rejects bad quoting (strict mode), NUL bytes and invalid UTF-8.
public final class CSVStream {
    public let path: String
    /// Bytes read so far (for progress).
    public private(set) var bytesRead: Int = 0
    public let fileSize: Int
    let fd: Int32
    /// Skip lines starting with `#` or `//` before the first record (provenance notes that
    /// some saved copies of price lists carry).
    public var skipLeadingCommentLines = false

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let err = errno
            if err == ENOENT {
                throw UserError(path: path, "no such file", hint: "check the path", status: .noInput)
            }
            throw UserError(path: path, "cannot open: \(String(cString: strerror(err)))",
                            status: err == EACCES ? .noInput : .ioError)
        }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw UserError(path: path, "is a directory, not a CSV file", status: .noInput)
        }
        self.fd = fd
        self.fileSize = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Parser state shared with the C callbacks.
    final class State {
        var arena: [UInt8] = []
        var starts: [Int] = [0]
        var line = 1
        var recordLine = 1
        var lastTerminator: Int32 = 0
        var fieldsInRecord = 0
        var stopped: Error?
        var onRecord: (CSVRecord) throws -> Void = { _ in }
        let path: String

        init(path: String) {
            self.path = path
            arena.reserveCapacity(1 << 16)
            starts.reserveCapacity(128)
        }

        func field(_ p: UnsafeMutableRawPointer?, _ n: Int) {
            if stopped != nil { return }
            if fieldsInRecord == 0 { recordLine = line }
            fieldsInRecord += 1
            if n > 0, let p {
                let buf = UnsafeRawBufferPointer(start: p, count: n)
                arena.append(contentsOf: buf)
                // Newlines inside quoted fields move the physical line on.
                for b in buf where b == 10 { line += 1 }
            }
            starts.append(arena.count)
        }

        func endRecord(_ c: Int32) {
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
            do {
                try validate(first)
                try arena.withUnsafeBytes { a in
                    try starts.withUnsafeBufferPointer { s in
                        try onRecord(CSVRecord(arena: a, starts: s, line: first))
                    }
                }
            } catch {
                stopped = error
            }
            arena.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            starts.append(0)
            fieldsInRecord = 0
        }

        func validate(_ line: Int) throws {
            var high = false
            for b in arena {
                if b == 0 {
                    throw UserError(path: path, line: line, "NUL byte: this is binary data, not a CSV text file",
                                    hint: "check that the file is the CSV you meant (not gzip/zip or a corrupted download)")
                }
                if b >= 0x80 { high = true }
            }
            if high {
                var ok = true
                arena.withUnsafeBufferPointer { ok = String(validating: $0, as: UTF8.self) != nil }
                if !ok {
                    throw UserError(path: path, line: line, "text is not valid UTF-8",
                                    hint: "AWS price lists are UTF-8; re-download or convert the file (iconv -t UTF-8)")
                }
            }
        }
    }

    /// Reads the whole file, calling `onRecord` for each non-blank record. Stops at the first
    /// error `onRecord` throws and rethrows it; a malformed CSV throws a diagnostic with the
    /// line where the problem is.
    public func forEachRecord(chunkSize: Int = 1 << 20, progress: ((Int) -> Void)? = nil,
                              _ onRecord: @escaping (CSVRecord) throws -> Void) throws {
        let state = State(path: path)
        state.onRecord = onRecord
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            throw UserError(message: "cannot initialise the CSV parser", status: .software)
        }
        defer { csv_free(&parser) }
        let ctx = Unmanaged.passUnretained(state).toOpaque()
        let cb1: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { p, n, ctx in
            Unmanaged<State>.fromOpaque(ctx!).takeUnretainedValue().field(p, n)
        }
        let cb2: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { c, ctx in
            Unmanaged<State>.fromOpaque(ctx!).takeUnretainedValue().endRecord(c)
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var first = true
        var linesBeforeChunk = 1
        while true {
            let n = read(fd, buffer.baseAddress, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw UserError(path: path, "read failed: \(String(cString: strerror(errno)))", status: .ioError)
            }
            if n == 0 { break }
            bytesRead += n
            var start = 0
            if first {
                first = false
                if n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
                if skipLeadingCommentLines {
                    while start < n && (buffer[start] == UInt8(ascii: "#")
                        || (start + 1 < n && buffer[start] == UInt8(ascii: "/") && buffer[start + 1] == UInt8(ascii: "/")))
                    {
                        while start < n && buffer[start] != 10 { start += 1 }
                        if start < n { start += 1 }
                        state.line += 1
                        linesBeforeChunk += 1
                    }
                }
            }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[start..<n])
            let done = csv_parse(&parser, chunk.baseAddress, chunk.count, cb1, cb2, ctx)
            if let error = state.stopped { throw error }
            if done != chunk.count {
                var line = linesBeforeChunk
                for b in chunk[0..<done] where b == 10 { line += 1 }
                throw UserError(path: path, line: line,
                                "malformed CSV quoting: a quote inside a field must be doubled (\"\") and a quoted field must end with a quote before the next comma",
                                hint: "the file is damaged or is not a CSV export; re-download it")
            }
            for b in chunk where b == 10 { linesBeforeChunk += 1 }
            progress?(bytesRead)
        }
        if csv_fini(&parser, cb1, cb2, ctx) != 0 {
            throw UserError(path: path, line: state.fieldsInRecord > 0 ? state.recordLine : state.line,
                            "a quoted field is never closed: the file ends inside quotes (truncated download?)",
                            hint: "re-download the file; a complete price list ends with a full row")
        }
        if let error = state.stopped { throw error }
    }
}
