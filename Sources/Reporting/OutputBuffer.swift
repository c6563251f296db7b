import CostModel
import FileIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one byte buffer under every writer (JSON, CSV, tables, HTML): UTF-8 bytes appended into a
/// growable array, written to a file descriptor in large chunks. A buffer made with ``init(capacity:)``
/// keeps everything in memory (``text``); one made by ``Output`` or ``AtomicFile`` hands its bytes
/// to the file descriptor whenever a writer reaches a ``checkpoint()`` with a chunk's worth held.
public struct OutputBuffer {
    /// Bytes not yet written to the file descriptor.
    public internal(set) var bytes: [UInt8] = []
    /// The file descriptor flushed to, or -1 for a buffer kept in memory.
    let fd: Int32
    /// Bytes already written to the file descriptor.
    public private(set) var flushed = 0
    /// The errno of the first failed write (0: none); later writes are dropped.
    public private(set) var errorNumber: Int32 = 0

    /// How much a buffer holds before a checkpoint writes it out.
    static let chunk = 1 << 20

    /// A buffer kept in memory.
    public init(capacity: Int = 4096) {
        fd = -1
        bytes.reserveCapacity(capacity)
    }

    /// A buffer written to `fd` in chunks (the caller owns and closes `fd`).
    init(fd: Int32) {
        self.fd = fd
        bytes.reserveCapacity(Self.chunk + Self.chunk / 4)
    }

    /// Everything appended, as text (a buffer kept in memory).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Bytes appended in all, written or not.
    public var count: Int { flushed + bytes.count }

    @inline(__always) public mutating func append(_ byte: UInt8) { bytes.append(byte) }

    @inline(__always) public mutating func append(_ s: String) {
        if let done = s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) { return done }
        bytes.append(contentsOf: s.utf8)
    }

    @inline(__always) public mutating func append(_ s: Substring) {
        if let done = s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) { return done }
        bytes.append(contentsOf: s.utf8)
    }

    @inline(__always) public mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `n` spaces.
    @inline(__always) public mutating func spaces(_ n: Int) {
        if n > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) }
    }

    /// A whole number in decimal.
    public mutating func append(int value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), minimum: 1)
    }

    /// An amount rounded half away from zero to cents (`28.03`, `-1.50`), as
    /// ``Money/formatted(decimals:)`` with 2 decimals writes it.
    public mutating func append(money: Money) {
        let rounded = (money.micros.magnitude + 5_000) / 10_000
        if money.micros < 0 && rounded != 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(rounded / 100, minimum: 1)
        bytes.append(UInt8(ascii: "."))
        appendDigits(rounded % 100, minimum: 2)
    }

    /// A quantity as ``Quantity/description`` writes it (`730`, `0.25`).
    public mutating func append(quantity q: Quantity) {
        appendScaled(q.millionths, one: Quantity.one, digits: 6) { q.description }
    }

    /// A decimal as ``FixedDecimal/description`` writes it (`0.0384`).
    public mutating func append(decimal d: FixedDecimal) {
        appendScaled(d.scaled, one: FixedDecimal.one, digits: FixedDecimal.scale) { d.description }
    }

    /// A non-negative fixed-point number scaled by `one` (10^`digits`): the whole part, then the
    /// fraction without trailing zeros when there is one; a negative one as `text` gives it.
    mutating func appendScaled(_ value: Int64, one: Int64, digits: Int, _ text: () -> String) {
        guard value >= 0 else { return append(text()) }
        appendDigits(UInt64(value / one), minimum: 1)
        var frac = value % one
        guard frac != 0 else { return }
        var width = digits
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        bytes.append(UInt8(ascii: "."))
        appendDigits(UInt64(frac), minimum: width)
    }

    /// `value` in decimal with at least `minimum` digits (zero-padded).
    mutating func appendDigits(_ value: UInt64, minimum: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for UInt64's 20 digits
        var n = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[23 - n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                n += 1
            } while v > 0 || n < minimum
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(24 - n)...]))
        }
    }

    /// A point between records where a buffer bound to a file may write out what it holds.
    @inline(__always) public mutating func checkpoint() {
        if fd >= 0 && bytes.count >= Self.chunk { flush() }
    }

    /// Writes what the buffer holds to its file descriptor (FileIO's `System.writeAll`: interrupted
    /// and short writes retried).
    public mutating func flush() {
        guard fd >= 0, !bytes.isEmpty else { return }
        if errorNumber == 0 {
            let written = bytes.withUnsafeBytes { buf in Result { () throws(SystemError) in try System.writeAll(fd, buf) } }
            if case .failure(let error) = written { errorNumber = error.errno }
        }
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Where command output goes: standard output, written from one ``OutputBuffer`` in large chunks.
public enum Output {
    /// Runs `body` on a buffer bound to standard output and writes what it appends; a failed write
    /// (other than to a closed pipe, which ends the process as it ends any tool) is an I/O error (74).
    public static func stdout(_ body: (inout OutputBuffer) throws -> Void) throws {
        var out = OutputBuffer(fd: 1)
        try body(&out)
        out.flush()
        if out.errorNumber != 0 {
            throw UserError(
                path: "<stdout>", "cannot write the output: \(String(cString: strerror(out.errorNumber)))", status: .ioError)
        }
    }

    /// Writes `text` to standard output.
    public static func stdout(_ text: String) throws {
        try stdout { $0.append(text) }
    }
}
