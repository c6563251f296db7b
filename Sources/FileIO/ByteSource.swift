import CZlib
import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file's content in chunks from an open descriptor: the bytes as they are, or, for a
/// gzip file (magic bytes 1f 8b), the decompressed bytes, streamed through zlib with no temp
/// file. Concatenated gzip members (as `cat a.gz b.gz` makes) are read one after the other. A
/// truncated or corrupt gzip file throws a `path: error:` that says so.
///
/// Also keeps a fingerprint of the content (CRC-32, Adler-32 and length of the bytes it hands
/// out, so a `.csv` and the same file gzipped have the same one), unless ``checksums`` is off
/// (the two checksums cost a tenth of a price-list import's parsing thread, which does not use
/// them).
public final class ByteSource {
    public let path: String
    let fd: Int32
    /// Where the next `pread` reads in the file.
    var offset: Int64
    public let isGzip: Bool
    /// Compressed (file) bytes consumed so far.
    public private(set) var fileBytesRead = 0
    /// Content bytes handed out so far.
    public private(set) var contentBytes = 0
    var crc: UInt = 0
    var adler: UInt = 1
    /// Whether ``read(into:count:)`` updates the checksums of ``fingerprint``.
    public var checksums = true

    // gzip state
    var stream: UnsafeMutablePointer<z_stream>?
    var input: UnsafeMutableRawPointer?
    var inputSize = 0
    static let inputCapacity = 1 << 18
    var atEndOfFile = false
    var memberEnded = false

    /// Bytes taken from the descriptor before this reader (a peek at a pipe's start), handed
    /// out first.
    var pending: [UInt8]
    var pendingOffset = 0
    /// Reads with `read` (a pipe, FIFO, socket or terminal: no `pread`, no seeking) rather than
    /// `pread` at `offset`.
    public let isSequential: Bool

    /// A reader of `fd` from `offset` (which must be 0 for gzip detection to apply).
    ///
    /// `prefix` makes it a sequential reader, for a descriptor that cannot seek (a pipe, a FIFO,
    /// `<(zcat ...)`): `prefix` is what was already read from its start (at least 2 bytes unless
    /// the content is shorter, for gzip detection), then the rest comes from `read`. A negative
    /// `fd` reads `prefix` alone.
    public init(fd: Int32, path: String, offset: Int64 = 0, prefix: [UInt8]? = nil) throws {
        self.fd = fd
        self.path = path
        self.offset = offset
        self.pending = prefix ?? []
        isSequential = prefix != nil
        let magic: [UInt8]
        if let prefix {
            magic = Array(prefix.prefix(2))
        } else {
            var head = [UInt8](repeating: 0, count: 2)
            let got = head.withUnsafeMutableBytes { (try? System.pread(fd, $0.baseAddress!, 2, at: 0)) ?? 0 }
            magic = Array(head.prefix(got))
        }
        isGzip = offset == 0 && magic == InputFile.gzipMagic
        if isGzip {
            let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            s.initialize(to: z_stream())
            // zlib keeps a pointer back to the stream: it must not move, hence the allocation.
            guard orcha_inflate_init_gzip(s) == Z_OK else {
                s.deallocate()
                throw UserError(message: "cannot initialise zlib", status: .software)
            }
            stream = s
            input = UnsafeMutableRawPointer.allocate(byteCount: ByteSource.inputCapacity, alignment: 16)
        }
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
        }
        input?.deallocate()
    }

    /// The content's fingerprint: hex CRC-32, Adler-32 and length.
    public var fingerprint: String {
        func hex(_ v: UInt) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, 8 - s.count)) + s
        }
        return "\(hex(crc))\(hex(adler))-\(contentBytes)"
    }

    func readFile(_ buffer: UnsafeMutableRawPointer, _ count: Int) throws -> Int {
        if pendingOffset < pending.count {
            let n = min(count, pending.count - pendingOffset)
            pending.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + pendingOffset, byteCount: n) }
            pendingOffset += n
            if pendingOffset == pending.count {
                pending = []
                pendingOffset = 0
            }
            fileBytesRead += n
            return n
        }
        if isSequential && fd < 0 { return 0 }
        do {
            let n = isSequential ? try System.read(fd, buffer, count) : try System.pread(fd, buffer, count, at: offset)
            offset += Int64(n)
            fileBytesRead += n
            return n
        } catch {
            throw UserError(path: path, "read failed: \(error)", status: .ioError)
        }
    }

    /// Fills `buffer` with up to `count` content bytes; 0 at the end.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let n = isGzip ? try inflate(into: buffer, count: count) : try readFile(buffer, count)
        if n > 0 {
            if checksums {
                let bytes = buffer.assumingMemoryBound(to: Bytef.self)
                crc = UInt(crc32(uLong(crc), bytes, uInt(n)))
                adler = UInt(adler32(uLong(adler), bytes, uInt(n)))
            }
            contentBytes += n
        }
        return n
    }

    /// Reads the whole content (small files: JSON).
    public func readAll(limit: Int, what: String) throws -> [UInt8] {
        var all: [UInt8] = []
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let n = try read(into: chunk, count: 1 << 16)
            if n == 0 { return all }
            if all.count + n > limit {
                throw UserError(
                    path: path, "more than \(limit >> 20) MiB\(isGzip ? " once decompressed" : ""): too large for \(what)",
                    hint: "split it into smaller files (one page of output each)")
            }
            all.append(contentsOf: UnsafeRawBufferPointer(start: chunk, count: n))
        }
    }

    func corrupt(_ detail: String) -> UserError {
        UserError(
            path: path, "the gzip data is corrupt (\(detail))",
            hint: "the file is damaged; download it again (gzip -t \(path) checks a file)")
    }

    func inflate(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        guard let s = stream, let input else { return 0 }
        s.pointee.next_out = buffer.assumingMemoryBound(to: Bytef.self)
        s.pointee.avail_out = uInt(count)
        while s.pointee.avail_out == uInt(count) {
            if s.pointee.avail_in == 0 {
                if atEndOfFile { break }
                inputSize = try readFile(input, ByteSource.inputCapacity)
                if inputSize == 0 {
                    atEndOfFile = true
                    break
                }
                s.pointee.next_in = input.assumingMemoryBound(to: Bytef.self)
                s.pointee.avail_in = uInt(inputSize)
            }
            if memberEnded {
                // More data after a complete member: another member, or trailing garbage.
                memberEnded = false
                if s.pointee.next_in[0] != 0x1f {
                    throw corrupt("data after the end of the compressed stream")
                }
                inflateReset(s)
            }
            let rc = CZlib.inflate(s, Z_NO_FLUSH)
            switch rc {
            case Z_OK, Z_BUF_ERROR: continue
            case Z_STREAM_END: memberEnded = true
            case Z_MEM_ERROR: throw UserError(path: path, "out of memory decompressing the file", status: .software)
            default:
                let message = s.pointee.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                throw corrupt(message)
            }
            if memberEnded && s.pointee.avail_out != uInt(count) { break }
        }
        let produced = count - Int(s.pointee.avail_out)
        if produced == 0 && atEndOfFile && !memberEnded {
            throw UserError(
                path: path, "the gzip file is truncated: it ends before its compressed data does",
                hint: "the download or copy was cut; fetch the file again (gzip -t \(path) checks a file)")
        }
        return produced
    }
}
