import CostModel

/// Sweep results as a table, CSV, or an SVG line chart.
public enum SweepRenderer {
    public static func table(_ r: SweepResult) -> String {
        var t = TextTable(header: [r.key.uppercased()] + r.phases, rightAligned: Set(0...r.phases.count))
        for row in r.rows { t.add([row.value.description] + row.costs.map { $0.formatted(decimals: 2) }) }
        return t.render()
    }

    public static func csv(_ r: SweepResult) -> String {
        var out = CSVWriter.line([r.key] + r.phases)
        for row in r.rows { out += CSVWriter.line([row.value.description] + row.costs.map { $0.formatted(decimals: 2) }) }
        return out
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A "nice" axis step (1, 2 or 5 × 10^n) for about `count` ticks up to `max`.
    static func niceStep(_ max: Double, count: Double = 5) -> Double {
        guard max > 0 else { return 1 }
        let raw = max / count
        var p = 1.0
        while p * 10 <= raw { p *= 10 }
        while p > raw { p /= 10 }
        for m in [1.0, 2.0, 5.0, 10.0] where p * m >= raw { return p * m }
        return p * 10
    }

    static func fmt(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(r)
    }

    /// A self-contained SVG line chart: one line per phase, cost per month against the input.
    public static func svg(_ r: SweepResult, title: String) -> String {
        let w = 720.0
        let h = 420.0
        let left = 70.0
        let right = 170.0
        let top = 40.0
        let bottom = 50.0
        let xs = r.rows.map { Double($0.value.millionths) / 1e6 }
        let maxY = r.rows.flatMap(\.costs).map { Double($0.micros) / 1e6 }.max() ?? 1
        let xMin = xs.first ?? 0
        let xMax = xs.last ?? 1
        let yStep = niceStep(maxY)
        let yMax = max(yStep, (maxY / yStep).rounded(.up) * yStep)
        func px(_ x: Double) -> Double { left + (x - xMin) / max(xMax - xMin, 1e-9) * (w - left - right) }
        func py(_ y: Double) -> Double { h - bottom - y / yMax * (h - top - bottom) }
        let colors = [
            "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf", "#bcbd22",
        ]
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(w))" height="\(Int(h))" viewBox="0 0 \(Int(w)) \(Int(h))" font-family="sans-serif" font-size="12">
            <title>\(xml(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(left)" y="22" font-size="15" font-weight="bold">\(xml(title))</text>

            """
        var y = 0.0
        while y <= yMax + 1e-9 {
            out += "<line x1=\"\(left)\" y1=\"\(py(y))\" x2=\"\(w - right)\" y2=\"\(py(y))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(py(y) + 4)\" text-anchor=\"end\">$\(fmt(y))</text>\n"
            y += yStep
        }
        let xStep = niceStep(xMax - xMin)
        var x = (xMin / xStep).rounded(.up) * xStep
        while x <= xMax + 1e-9 {
            out += "<line x1=\"\(px(x))\" y1=\"\(h - bottom)\" x2=\"\(px(x))\" y2=\"\(h - bottom + 5)\" stroke=\"#333\"/>"
            out += "<text x=\"\(px(x))\" y=\"\(h - bottom + 18)\" text-anchor=\"middle\">\(fmt(x))</text>\n"
            x += xStep
        }
        out += "<line x1=\"\(left)\" y1=\"\(h - bottom)\" x2=\"\(w - right)\" y2=\"\(h - bottom)\" stroke=\"#333\"/>\n"
        out += "<text x=\"\((left + w - right) / 2)\" y=\"\(h - 12)\" text-anchor=\"middle\">\(xml(r.key))</text>\n"
        out +=
            "<text x=\"16\" y=\"\((top + h - bottom) / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 16 \((top + h - bottom) / 2))\">USD per month</text>\n"
        for (i, phase) in r.phases.enumerated() {
            let color = colors[i % colors.count]
            let points = r.rows.map { "\(px(Double($0.value.millionths) / 1e6)),\(py(Double($0.costs[i].micros) / 1e6))" }
            out +=
                "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
            let ly = top + 10 + Double(i) * 18
            out +=
                "<line x1=\"\(w - right + 12)\" y1=\"\(ly)\" x2=\"\(w - right + 32)\" y2=\"\(ly)\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            out += "<text x=\"\(w - right + 38)\" y=\"\(ly + 4)\">\(xml(phase))</text>\n"
        }
        return out + "</svg>\n"
    }
}
