import CostModel

/// RFC 4180 CSV on an ``OutputBuffer``: fields separated by commas, rows ended by CRLF, a field
/// quoted (quotes doubled) when it holds a comma, a quote, CR or LF. Fields are appended as bytes,
/// no per-field string is built; a field made of several parts (``beginField()``, ``part(_:)``,
/// ``endField()``) is quoted afterwards in place when it needs it.
public struct CSVWriter {
    public var out: OutputBuffer
    /// No field yet in the current row.
    var rowStart = true
    /// Where the open field's bytes start.
    var fieldStart = 0

    public init(out: OutputBuffer) { self.out = out }

    /// One row as a string (tests, small outputs).
    public static func line(_ fields: [String]) -> String {
        var out = OutputBuffer()
        out.csv { w in w.row(fields) }
        return out.text
    }

    @inline(__always) static func special(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13
    }

    @inline(__always) mutating func separator() {
        if rowStart { rowStart = false } else { out.append(UInt8(ascii: ",")) }
    }

    /// A field.
    public mutating func field(_ s: String) {
        separator()
        var s = s
        s.withUTF8 { appendField(UnsafeRawBufferPointer($0)) }
    }

    mutating func appendField(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.contains(where: CSVWriter.special) else { return out.bytes.append(contentsOf: bytes) }
        out.append(UInt8(ascii: "\""))
        for b in bytes {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Money with two decimals (never needs quoting).
    public mutating func field(money m: Money) {
        separator()
        out.append(money: m)
    }

    /// An empty field.
    public mutating func empty() { separator() }

    /// Starts a field written in parts.
    public mutating func beginField() {
        separator()
        fieldStart = out.bytes.count
    }

    /// Part of the open field, as it is.
    @inline(__always) public mutating func part(_ s: String) { out.append(s) }
    @inline(__always) public mutating func part(_ s: StaticString) { out.append(s) }
    /// A JSON string (quoted and escaped) inside the open field.
    public mutating func part(jsonString s: String) {
        var s = s
        s.withUTF8 { JSON.appendQuoted(UnsafeRawBufferPointer($0), to: &out.bytes) }
    }

    /// Ends the open field, quoting it when it needs it.
    public mutating func endField() {
        let start = fieldStart
        let needs = out.bytes.withUnsafeBufferPointer { buf in
            buf[start...].contains(where: CSVWriter.special)
        }
        guard needs else { return }
        let tail = Array(out.bytes[start...])
        out.bytes.removeSubrange(start...)
        tail.withUnsafeBytes { appendField($0) }
    }

    /// Ends the row.
    public mutating func endRow() {
        out.append(StaticString("\r\n"))
        rowStart = true
        out.checkpoint()
    }

    /// A whole row.
    public mutating func row(_ fields: [String]) {
        for f in fields { field(f) }
        endRow()
    }
}

extension OutputBuffer {
    /// Writes CSV rows with a ``CSVWriter`` on this buffer.
    public mutating func csv(_ body: (inout CSVWriter) throws -> Void) rethrows {
        var w = CSVWriter(out: self)
        bytes = []  // the writer holds the only reference: no copy on append
        defer { self = w.out }
        try body(&w)
    }
}
