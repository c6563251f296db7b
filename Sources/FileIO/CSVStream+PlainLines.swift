import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CSVStream.State {
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
                if current.byteCount >= CSVStream.Batch.target {
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
    func plainRecord(_ batch: CSVStream.Batch, _ p: UnsafeRawPointer, _ n: Int) -> Int? {
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
}
