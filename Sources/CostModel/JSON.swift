/// Minimal JSON string building (escaping per RFC 8259).
public enum JSON {
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        var text = s
        text.withUTF8 { appendQuoted(UnsafeRawBufferPointer($0), to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func array(_ items: [String]) -> String {
        "[" + items.map(quote).joined(separator: ",") + "]"
    }

    /// Appends the JSON-escaped form of raw UTF-8 bytes (already validated) to `out`.
    public static func appendQuoted(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(34)
        // Most values need no escape: copy them whole.
        if !bytes.contains(where: { $0 < 32 || $0 == 34 || $0 == 92 }) {
            out.append(contentsOf: bytes)
            out.append(34)
            return
        }
        for b in bytes {
            switch b {
            case 34:
                out.append(92)
                out.append(34)
            case 92:
                out.append(92)
                out.append(92)
            case 10:
                out.append(92)
                out.append(110)
            case 13:
                out.append(92)
                out.append(114)
            case 9:
                out.append(92)
                out.append(116)
            case 0..<32:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(34)
    }
}

extension JSON {
    /// Parses a flat JSON object of strings (`{"k":"v",...}`), as the catalog stores product
    /// attributes. Returns nil for anything else.
    public static func parseFlatObject(_ text: String) -> [String: String]? {
        var result: [String: String] = [:]
        var bytes = Array(text.utf8)[...]
        func skipSpaces() { while let b = bytes.first, b == 32 || b == 9 || b == 10 || b == 13 { bytes.removeFirst() } }
        func string() -> String? {
            guard bytes.first == 34 else { return nil }
            bytes.removeFirst()
            var out: [UInt8] = []
            while let b = bytes.first {
                bytes.removeFirst()
                switch b {
                case 34: return String(decoding: out, as: UTF8.self)
                case 92:
                    guard let e = bytes.first else { return nil }
                    bytes.removeFirst()
                    switch e {
                    case 110: out.append(10)
                    case 114: out.append(13)
                    case 116: out.append(9)
                    case 98: out.append(8)
                    case 102: out.append(12)
                    case 117:
                        guard bytes.count >= 4, let v = UInt32(String(decoding: bytes.prefix(4), as: UTF8.self), radix: 16),
                            let scalar = Unicode.Scalar(v)
                        else { return nil }
                        bytes.removeFirst(4)
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: out.append(e)
                    }
                default: out.append(b)
                }
            }
            return nil
        }
        skipSpaces()
        guard bytes.first == 123 else { return nil }
        bytes.removeFirst()
        skipSpaces()
        if bytes.first == 125 { return result }
        while true {
            skipSpaces()
            guard let key = string() else { return nil }
            skipSpaces()
            guard bytes.first == 58 else { return nil }
            bytes.removeFirst()
            skipSpaces()
            guard let value = string() else { return nil }
            result[key] = value
            skipSpaces()
            guard let b = bytes.first else { return nil }
            bytes.removeFirst()
            if b == 125 { return result }
            if b != 44 { return nil }
        }
    }
}
