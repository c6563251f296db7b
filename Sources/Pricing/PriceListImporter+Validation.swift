import CostModel

extension PriceListImporter {
    /// Compares two range values ("0", "10240", "0.5", "Inf"; already checked by ``isRange``)
    /// as numbers, Inf above everything: true when `a` is greater than `b`.
    static func rangeAbove(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let aInf = a.elementsEqual("Inf".utf8)
        let bInf = b.elementsEqual("Inf".utf8)
        if aInf || bInf { return aInf && !bInf }
        // Without allocating (every row is checked): integer digits without leading zeros, then
        // fraction digits without trailing zeros.
        func parts(_ x: UnsafeRawBufferPointer) -> (Range<Int>, Range<Int>) {
            let dot = x.firstIndex(of: UInt8(ascii: ".")) ?? x.count
            var start = 0
            while start < dot && x[start] == UInt8(ascii: "0") { start += 1 }
            var end = x.count
            while end > dot + 1 && x[end - 1] == UInt8(ascii: "0") { end -= 1 }
            return (start..<dot, min(dot + 1, end)..<end)
        }
        let (ai, af) = parts(a)
        let (bi, bf) = parts(b)
        if ai.count != bi.count { return ai.count > bi.count }
        for (x, y) in zip(ai, bi) where a[x] != b[y] { return a[x] > b[y] }
        for (x, y) in zip(af, bf) where a[x] != b[y] { return a[x] > b[y] }
        return af.count > bf.count
    }

    static func isRange(_ b: UnsafeRawBufferPointer) -> Bool {
        if b.elementsEqual("Inf".utf8) { return true }
        var dots = 0
        var digits = 0
        for c in b {
            if c == UInt8(ascii: ".") { dots += 1 } else if c >= 48 && c <= 57 { digits += 1 } else { return false }
        }
        return dots <= 1 && digits > 0
    }

    static func isDate(_ b: UnsafeRawBufferPointer) -> Bool {
        (b.count == 10 || (b.count > 10 && b[10] == UInt8(ascii: "T"))) && CivilDate(prefixOf: b) != nil
    }
}
