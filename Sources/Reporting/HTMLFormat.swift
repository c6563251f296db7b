import CostModel

extension HTMLReport {
    /// Text made safe for HTML and SVG content and for quoted attribute values: `&`, `<`, `>`,
    /// `"` and `'` become entities; control characters other than tab and line ends (which HTML
    /// does not allow) become U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            default:
                if c.value < 0x20 || (0x7F...0x9F).contains(c.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// `$1,234.56`, `-$3.65`.
    public static func usd(_ m: Money) -> String {
        let text = m.formatted(decimals: 2)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let dot = digits.firstIndex(of: ".") ?? digits.endIndex
        var whole = String(digits[..<dot])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + String(whole.suffix(3)) + grouped
            whole.removeLast(3)
        }
        return (negative ? "-$" : "$") + whole + grouped + String(digits[dot...])
    }

    /// `+$32.44`, `-$3.65`, `$0.00`.
    public static func signedUSD(_ m: Money) -> String { (m.micros > 0 ? "+" : "") + usd(m) }

    /// A change, coloured: up (costs more) or down.
    static func delta(_ m: Money?) -> String {
        guard let m else { return "<span class=\"muted\">—</span>" }
        let cls = m.micros > 0 ? "up" : m.micros < 0 ? "down" : "flat"
        return "<span class=\"\(cls)\">\(signedUSD(m))</span>"
    }

    static func range(_ low: Money, _ high: Money) -> String {
        low == high ? "<span class=\"muted\">no range</span>" : "\(usd(low))–\(usd(high))"
    }

    static func badge(_ text: String, _ kind: String) -> String {
        "<span class=\"badge \(kind)\">\(escape(text))</span>"
    }

    /// A table in its own horizontally scrolling box (tables never widen the page).
    static func table(
        caption: String? = nil, header: [(String, numeric: Bool)], rows: [[String]], footer: [[String]] = [],
        numeric: Set<Int>? = nil, className: String = ""
    ) -> String {
        let right = numeric ?? Set(header.indices.filter { header[$0].numeric })
        func cells(_ row: [String], _ tag: String) -> String {
            row.indices.map { i in
                "<\(tag)\(right.contains(i) ? " class=\"num\"" : "")>\(row[i])</\(tag)>"
            }.joined()
        }
        var out = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\""
        out += caption.map { " aria-label=\"\(escape($0))\"" } ?? ""
        out += "><table\(className.isEmpty ? "" : " class=\"\(className)\"")>\n"
        if let caption { out += "<caption>\(escape(caption))</caption>\n" }
        out += "<thead><tr>" + cells(header.map { escape($0.0) }, "th") + "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + cells(row, "td") + "</tr>\n" }
        out += "</tbody>\n"
        if !footer.isEmpty {
            out += "<tfoot>\n" + footer.map { "<tr>" + cells($0, "td") + "</tr>\n" }.joined() + "</tfoot>\n"
        }
        return out + "</table></div>\n"
    }

    static func phaseCell(_ p: PhaseCost) -> String {
        "<span class=\"id\">\(escape(p.id))</span>"
            + (p.name.isEmpty || p.name == p.id ? "" : " <span class=\"name\">\(escape(p.name))</span>")
    }

    /// Whether `phase` extends `root`, directly or through other phases.
    static func descends(_ phase: PhaseCost, from root: String, in phases: [PhaseCost]) -> Bool {
        var parent = phase.extends
        var steps = 0
        while let id = parent, steps <= phases.count {
            if id == root { return true }
            parent = phases.first { $0.id == id }?.extends
            steps += 1
        }
        return false
    }

    static func grouped(_ n: Int) -> String {
        var s = String(n)
        var out = ""
        while s.count > 3 {
            out = "," + s.suffix(3) + out
            s.removeLast(3)
        }
        return s + out
    }
}
