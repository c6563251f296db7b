/// A plain-text table with aligned columns, for terminal output.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []
    /// Columns aligned to the right (numbers).
    public var rightAligned: Set<Int> = []

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Display width: one column per Unicode scalar (tables hold ASCII, names and units).
    static func width(_ s: String) -> Int { s.unicodeScalars.count }

    /// The table as text, each line prefixed by `indent`. Built as UTF-8 bytes: tables of a few
    /// hundred lines are on the path of every `plan`.
    public func render(indent: String = "") -> String {
        var out = OutputBuffer()
        render(into: &out, indent: indent)
        return out.text
    }

    /// Appends the table to `out` (see ``render(indent:)``).
    public func render(into buffer: inout OutputBuffer, indent: String = "") {
        var widths = header.map(TextTable.width)
        var cellWidths: [[Int]] = []
        cellWidths.reserveCapacity(rows.count)
        for row in rows {
            let w = row.map(TextTable.width)
            for (i, n) in w.enumerated() where i < widths.count { widths[i] = max(widths[i], n) }
            cellWidths.append(w)
        }
        let right = (0..<widths.count).map { rightAligned.contains($0) }
        var out: [UInt8] = []
        swap(&out, &buffer.bytes)
        defer { swap(&out, &buffer.bytes) }
        out.reserveCapacity(out.count + (widths.reduce(0, +) + 2 * widths.count + indent.utf8.count + 1) * (rows.count + 2))
        func pad(_ n: Int) { if n > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) } }
        func line(_ cells: [String], _ cellWidth: [Int]) {
            out.append(contentsOf: indent.utf8)
            let last = cells.count - 1
            for i in cells.indices {
                if i > 0 { pad(2) }
                let gap = widths[i] - cellWidth[i]
                if right[i] {
                    pad(gap)
                    out.append(contentsOf: cells[i].utf8)
                } else {
                    out.append(contentsOf: cells[i].utf8)
                    if i != last { pad(gap) }
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        line(header, header.map(TextTable.width))
        line(widths.map { String(repeating: "-", count: $0) }, widths)
        for (row, w) in zip(rows, cellWidths) { line(row, w) }
    }
}
