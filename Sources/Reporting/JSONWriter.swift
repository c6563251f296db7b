import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a JSON array or object is laid out. Every orcha-cost JSON document follows the same rules:
/// a `block` container puts each member on its own line, indented two spaces deeper than the line
/// that opens it, and closes on a line of its own; an `inline` one stays on one line,
/// `{"key": value, "key": value}` and `[a, b]`, and so does everything inside it. An empty
/// array or object is `[]` or `{}` in either layout. Keys keep the order they are written in.
public enum JSONLayout: Sendable {
    case block, inline
}

/// A JSON value to serialize once with ``JSONWriter``: ordered keys, money as decimal strings with
/// cents, numbers that are never `inf` or `nan`.
public indirect enum JSONValue {
    case null
    case bool(Bool)
    case int(Int)
    case uint(UInt64)
    /// A measured value: a whole number plainly, others with two decimals; `null` when not finite.
    case number(Double)
    /// An exact decimal written as a JSON number (a threshold, a quantity), from its own text.
    case decimal(Quantity)
    case string(String)
    /// Money as a string with two decimals: `"28.03"`.
    case money(Money)
    case array([JSONValue], JSONLayout)
    case object([(String, JSONValue)], JSONLayout)

    /// `.string`, or `.null` for nil.
    public static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    /// `.money`, or `.null` for nil.
    public static func money(_ m: Money?) -> JSONValue { m.map { .money($0) } ?? .null }
    /// An array of strings on one line.
    public static func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }, .inline) }
}

/// The one JSON writer: appends a document to an ``OutputBuffer`` as it is described, member by
/// member, with the layout rules of ``JSONLayout``. A document ends with a newline.
public struct JSONWriter {
    public var out: OutputBuffer

    /// The enclosing containers but the innermost: whether each is inline, and its member count.
    var stack: [(inline: Bool, count: Int)] = []
    /// Containers open (0: at the top level).
    var depth = 0
    /// The innermost container: inline, and members written so far.
    var inline = false
    var count = 0
    /// A key was just written: the next value follows it on the same line.
    var afterKey = false

    public init(out: OutputBuffer) { self.out = out }

    /// A whole document: `value`, then a newline.
    public static func document(_ value: JSONValue) -> String {
        var out = OutputBuffer()
        out.json { $0.value(value) }
        return out.text
    }

    /// Starts the next member of the enclosing container (the separator and indentation) unless it
    /// follows its key.
    @inline(__always) mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        if depth > 0 { next() }
    }

    @inline(__always) mutating func next() {
        if inline {
            if count > 0 { out.append(StaticString(", ")) }
        } else {
            if count > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
            out.checkpoint()
            out.spaces(2 * depth)
        }
        count += 1
    }

    mutating func open(_ bracket: UInt8, _ layout: JSONLayout) {
        beforeValue()
        out.append(bracket)
        if depth > 0 { stack.append((inline, count)) }
        depth += 1
        inline = layout == .inline || inline
        count = 0
    }

    mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !inline && count > 0 {
            out.append(UInt8(ascii: "\n"))
            out.spaces(2 * depth)
        }
        out.append(bracket)
        if depth == 0 {
            out.append(UInt8(ascii: "\n"))
            inline = false
            count = 0
        } else {
            (inline, count) = stack.removeLast()
        }
    }

    public mutating func beginObject(_ layout: JSONLayout = .block) { open(UInt8(ascii: "{"), layout) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray(_ layout: JSONLayout = .block) { open(UInt8(ascii: "["), layout) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A key of the enclosing object; its value comes next.
    public mutating func key(_ name: StaticString) {
        next()
        out.append(UInt8(ascii: "\""))
        out.append(name)
        out.append(StaticString("\": "))
        afterKey = true
    }

    /// A key given as text (escaped).
    public mutating func key(text name: String) {
        next()
        appendQuoted(name)
        out.append(StaticString(": "))
        afterKey = true
    }

    @inline(__always) mutating func appendQuoted(_ s: String) {
        var s = s
        s.withUTF8 { JSON.appendQuoted(UnsafeRawBufferPointer($0), to: &out.bytes) }
    }

    public mutating func null() {
        beforeValue()
        out.append(StaticString("null"))
    }

    public mutating func bool(_ b: Bool) {
        beforeValue()
        out.append(b ? StaticString("true") : StaticString("false"))
    }

    public mutating func int(_ n: Int) {
        beforeValue()
        out.append(int: n)
    }

    public mutating func string(_ s: String) {
        beforeValue()
        appendQuoted(s)
    }

    public mutating func string(_ s: String?) {
        guard let s else { return null() }
        string(s)
    }

    /// A quantity as a string: `"730"`.
    public mutating func string(_ q: Quantity) {
        beforeValue()
        out.append(UInt8(ascii: "\""))
        out.append(quantity: q)
        out.append(UInt8(ascii: "\""))
    }

    public mutating func string(_ q: Quantity?) {
        guard let q else { return null() }
        string(q)
    }

    /// A decimal as a string: `"0.0384"`.
    public mutating func string(_ d: FixedDecimal) {
        beforeValue()
        out.append(UInt8(ascii: "\""))
        out.append(decimal: d)
        out.append(UInt8(ascii: "\""))
    }

    public mutating func money(_ m: Money) {
        beforeValue()
        out.append(UInt8(ascii: "\""))
        out.append(money: m)
        out.append(UInt8(ascii: "\""))
    }

    public mutating func money(_ m: Money?) {
        guard let m else { return null() }
        money(m)
    }

    /// A value that is JSON text already, written by orcha-cost's own writer (a product's
    /// attributes as the catalog stores them).
    public mutating func rawJSON(_ text: String) {
        beforeValue()
        out.append(text)
    }

    public mutating func number(_ v: Double) {
        beforeValue()
        out.append(JSONWriter.numberText(v))
    }

    public mutating func decimal(_ q: Quantity) {
        beforeValue()
        out.append(quantity: q)
    }

    /// A number as orcha-cost writes measured values: whole numbers plainly, others with two
    /// decimals; `null` for inf and nan, which JSON does not have.
    public static func numberText(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        var buf = [CChar](repeating: 0, count: 400)
        let n = withVaList([v]) { vsnprintf(&buf, buf.count, "%.2f", $0) }
        return String(decoding: buf[0..<max(0, min(Int(n), buf.count - 1))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes a value tree.
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let n): int(n)
        case .uint(let n):
            beforeValue()
            out.appendDigits(n, minimum: 1)
        case .number(let d): number(d)
        case .decimal(let q): decimal(q)
        case .string(let s): string(s)
        case .money(let m): money(m)
        case .array(let items, let layout):
            beginArray(layout)
            for item in items { value(item) }
            endArray()
        case .object(let members, let layout):
            beginObject(layout)
            for (k, item) in members {
                key(text: k)
                value(item)
            }
            endObject()
        }
    }
}

extension OutputBuffer {
    /// Writes a JSON document with a ``JSONWriter`` on this buffer.
    public mutating func json(_ body: (inout JSONWriter) throws -> Void) rethrows {
        var w = JSONWriter(out: self)
        bytes = []  // the writer holds the only reference: no copy on append
        defer { self = w.out }
        try body(&w)
    }

    /// Writes `value` as a JSON document.
    public mutating func json(_ value: JSONValue) {
        json { $0.value(value) }
    }
}
