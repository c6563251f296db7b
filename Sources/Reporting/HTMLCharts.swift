import CostModel

/// The report's inline SVG charts. Each scales with its `viewBox`; every data mark has the
/// class `mark` and a `<title>` with its numbers (a tooltip, and what screen readers and tests
/// read).
enum HTMLCharts {
    /// Distinct colours for services (Tableau 20 order: strong colours first).
    static let palette = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
        "#1f4e79", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#499894", "#86bcb6", "#d37295", "#fabfd2", "#79706e",
    ]

    static func color(_ i: Int) -> String { palette[i % palette.count] }

    /// Dash patterns of budget lines: in the SVG and the legend's CSS border style.
    static let dashes = [("8 5", "dashed"), ("2 3", "dotted"), ("14 4 3 4", "dashed"), ("4 2", "dashed")]
    static func dashArray(_ i: Int) -> String { dashes[i % dashes.count].0 }
    static func dashStyle(_ i: Int) -> String { dashes[i % dashes.count].1 }

    /// Services in the order they first appear, phase by phase (the stacking order, bottom up).
    static func services(_ cost: ScenarioCost) -> [String] {
        var seen: Set<String> = []
        var order: [String] = []
        for p in cost.phases {
            for (s, _) in p.byService where seen.insert(s).inserted { order.append(s) }
        }
        return order
    }

    static func dollars(_ m: Money) -> Double { Double(m.micros) / 1e6 }

    /// A coordinate with at most two decimals.
    /// Both drawings of a chart, for wide and narrow windows (CSS shows one).
    static func both(_ draw: (Double) -> String) -> String {
        "<div class=\"chart-wide\">\n" + draw(wide) + "</div>\n<div class=\"chart-narrow\">\n" + draw(narrow) + "</div>\n"
    }

    static func n(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded(), abs(r) < 1e12 { return String(Int64(r)) }
        return String(r)
    }

    /// An axis label: `$0`, `$250`, `$1,500`, `$0.5`.
    static func axisLabel(_ v: Double) -> String {
        if v == v.rounded() { return wholeDollars(Money(micros: Int64(v) * 1_000_000)) }
        return "$" + n(v)
    }

    /// `$1,234` for $1,234.56 (cents dropped, not rounded).
    static func wholeDollars(_ m: Money) -> String {
        String(HTMLReport.usd(Money(micros: m.micros / 1_000_000 * 1_000_000)).dropLast(3))
    }

    /// Approximate width of text in the charts' sans-serif at `size` (0.58 em per character).
    static func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.58 }

    /// A label shortened to `max` characters with an ellipsis.
    static func short(_ s: String, _ max: Int = 24) -> String { s.count <= max ? s : String(s.prefix(max - 1)) + "…" }

    /// A "nice" step (1, 2 or 5 × 10^n) for about `count` ticks up to `max`.
    static func niceStep(_ max: Double, count: Double = 5) -> Double { SweepRenderer.niceStep(max, count: count) }

    /// The top of the cost chart's axis and its tick step: the highest bar, and budget lines
    /// that are not far above it.
    static func stackedScale(_ model: ReportModel) -> (top: Double, step: Double) {
        let maxTotal = model.cost.phases.map { dollars($0.monthlyCost) }.max() ?? 0
        let budgets = model.budgetLines.flatMap { $0.monthly.values.map(dollars) }.filter { $0 <= maxTotal * 1.6 }
        return scale(max(maxTotal, budgets.max() ?? 0))
    }

    /// A dollar axis from 0 to the first round step at or above `highest`, and the step.
    static func scale(_ highest: Double) -> (top: Double, step: Double) {
        let step = niceStep(highest)
        return (max(step, (highest / step).rounded(.up) * step), step)
    }

    /// The ticks of a dollar axis from 0 to `top`, and the room their labels need left of the
    /// plot (where the plot starts).
    static func yTicks(top: Double, step: Double, font: Double) -> (ticks: [Double], left: Double) {
        let ticks = stride(from: 0.0, through: top + step / 1000, by: step).map { $0 }
        return (ticks, max(40, (ticks.map { textWidth(axisLabel($0), size: font) }.max() ?? 30) + 12))
    }

    /// Horizontal grid lines at `ticks` from `left` to the drawing's right edge, with their
    /// dollar labels right-aligned left of the plot.
    static func yGrid(_ ticks: [Double], left: Double, width: Double, font: Double, y: (Double) -> Double) -> String {
        var out = ""
        for t in ticks {
            out += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(t)))\" x2=\"\(n(width - 8))\" y2=\"\(n(y(t)))\"/>"
            out +=
                "<text class=\"tick\" x=\"\(n(left - 8))\" y=\"\(n(y(t) + font * 0.35))\" text-anchor=\"end\">\(axisLabel(t))</text>\n"
        }
        return out
    }

    /// The widths of the two drawings of each chart: one for wide windows and paper, one for
    /// phones (CSS shows one of them), so that text keeps a readable size in both.
    static let wide = 960.0
    static let narrow = 400.0

    /// Monthly cost per service, stacked per phase, with the budgets' monthly limits as lines;
    /// `width` is the drawing's own width (its viewBox).
    static func stackedBars(_ model: ReportModel, services: [String], width: Double) -> String {
        let phases = model.cost.phases
        let font = 13.0
        let plotHeight = width < 600 ? 260.0 : 320.0
        let top = 34.0
        let tag = width < 600 ? "narrow" : "wide"
        let (yMax, step) = stackedScale(model)
        let (ticks, tickLeft) = yTicks(top: yMax, step: step, font: font)
        let labels = phases.map { short($0.id) }
        let labelWidth = labels.map { textWidth($0, size: font) }.max() ?? 0
        var left = tickLeft
        var slot = (width - left - 16) / Double(max(phases.count, 1))
        // Phase labels that do not fit under their bar are set at an angle.
        let angle = 35.0
        let rotate = labelWidth > slot - 10
        let sinA = 0.573576
        let cosA = 0.819152
        if rotate {
            left = max(left, labelWidth * cosA - slot / 2 + 10)
            slot = (width - left - 16) / Double(max(phases.count, 1))
        }
        let bottom = rotate ? 24 + labelWidth * sinA + font * cosA : 34
        let height = (top + plotHeight + bottom).rounded(.up)
        let baseline = top + plotHeight
        func y(_ v: Double) -> Double { baseline - v / yMax * plotHeight }
        let barWidth = min(96, slot * 0.58)
        let index = Dictionary(uniqueKeysWithValues: services.enumerated().map { ($1, $0) })

        var out = """
            <svg class="chart-svg stacked" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" \
            width="\(n(width))" height="\(n(height))" font-size="\(n(font))" role="img" aria-labelledby="stacked-title-\(tag) stacked-desc-\(tag)">
            <title id="stacked-title-\(tag)">Monthly cost per service, per phase</title>
            <desc id="stacked-desc-\(tag)">Stacked bars, one per phase, each segment one AWS service's monthly cost; dashed lines are budget limits.</desc>
            <text x="0" y="14" class="axis-title">USD per month</text>

            """
        out += yGrid(ticks, left: left, width: width, font: font, y: y)
        for (i, p) in phases.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            let x = cx - barWidth / 2
            var level = 0.0
            let byService = Dictionary(p.byService, uniquingKeysWith: { a, _ in a })
            out += "<g class=\"bar\">\n"
            for s in services {
                guard let cost = byService[s], cost.micros > 0 else { continue }
                let v = dollars(cost)
                let h = v / yMax * plotHeight
                out +=
                    "<rect class=\"mark seg\" x=\"\(n(x))\" y=\"\(n(y(level + v)))\" width=\"\(n(barWidth))\" height=\"\(n(h))\" "
                    + "fill=\"\(color(index[s] ?? 0))\"><title>\(HTMLReport.escape(p.id)) · \(HTMLReport.escape(s)): "
                    + "\(HTMLReport.usd(cost))</title></rect>\n"
                level += v
            }
            out += "</g>\n"
            let total = HTMLReport.usd(p.monthlyCost)
            let whole = wholeDollars(p.monthlyCost)
            let label = textWidth(total, size: 12) <= slot - 6 ? total : textWidth(whole, size: 12) <= slot - 6 ? whole : nil
            if let label {
                out +=
                    "<text class=\"total\" x=\"\(n(cx))\" y=\"\(n(y(level) - 7))\" text-anchor=\"middle\" font-size=\"12\">\(label)</text>\n"
            }
            if rotate {
                let ly = baseline + 16
                out +=
                    "<text class=\"label\" x=\"\(n(cx + 4))\" y=\"\(n(ly))\" text-anchor=\"end\" transform=\"rotate(-\(n(angle)) \(n(cx + 4)) \(n(ly)))\">"
                    + "\(HTMLReport.escape(labels[i]))<title>\(HTMLReport.escape(p.id))</title></text>\n"
            } else {
                out +=
                    "<text class=\"label\" x=\"\(n(cx))\" y=\"\(n(baseline + 20))\" text-anchor=\"middle\">"
                    + "\(HTMLReport.escape(labels[i]))<title>\(HTMLReport.escape(p.id))</title></text>\n"
            }
        }
        for (b, budget) in model.budgetLines.enumerated() {
            for (i, p) in phases.enumerated() {
                guard let limit = budget.monthly[p.id], dollars(limit) <= yMax else { continue }
                let x1 = left + slot * Double(i) + 3
                out +=
                    "<line class=\"budget\" x1=\"\(n(x1))\" y1=\"\(n(y(dollars(limit))))\" x2=\"\(n(x1 + slot - 6))\" "
                    + "y2=\"\(n(y(dollars(limit))))\" stroke-dasharray=\"\(dashArray(b))\"><title>budget \(HTMLReport.escape(budget.name)) "
                    + "in \(HTMLReport.escape(p.id)): \(HTMLReport.usd(limit)) a month</title></line>\n"
            }
        }
        out += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(baseline))\" x2=\"\(n(width - 8))\" y2=\"\(n(baseline))\"/>\n"
        return out + "</svg>\n"
    }

    /// Each phase's low..high line, P10..P90 band and expected point on one axis (from a round
    /// amount below the lowest low: the ranges are the point, not the bars' length).
    static func ranges(_ model: ReportModel, width: Double) -> String {
        let rows = model.ranges
        let font = 13.0
        let tag = width < 600 ? "narrow" : "wide"
        let rowHeight = 34.0
        let top = 10.0
        let labels = rows.map { short($0.phase) }
        let left = min(width * 0.4, max(60, (labels.map { textWidth($0, size: font) }.max() ?? 0) + 18))
        let maxHigh = rows.map { dollars($0.high) }.max() ?? 0
        let minLow = rows.map { dollars($0.low) }.min() ?? 0
        let step = niceStep(maxHigh - minLow, count: width < 600 ? 4 : 6)
        let xMin = max(0, (minLow / step).rounded(.down) * step)
        let xMax = max(xMin + step, (maxHigh / step).rounded(.up) * step)
        let ticks = stride(from: xMin, through: xMax + step / 1000, by: step).map { $0 }
        let right = max(24, (textWidth(axisLabel(xMax), size: font) / 2) + 6)
        let plotWidth = width - left - right
        let baseline = top + rowHeight * Double(rows.count)
        let height = (baseline + 34).rounded(.up)
        func x(_ m: Money) -> Double { left + (dollars(m) - xMin) / (xMax - xMin) * plotWidth }

        var out = """
            <svg class="chart-svg ranges" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" \
            width="\(n(width))" height="\(n(height))" font-size="\(n(font))" role="img" aria-labelledby="ranges-title-\(tag) ranges-desc-\(tag)">
            <title id="ranges-title-\(tag)">Cost range per phase</title>
            <desc id="ranges-desc-\(tag)">For each phase: a line from the low to the high monthly cost, a band from P10 to P90, and a dot at the expected cost.</desc>

            """
        for i in rows.indices where i % 2 == 0 {
            out +=
                "<rect class=\"stripe\" x=\"0\" y=\"\(n(top + rowHeight * Double(i)))\" width=\"\(n(width))\" height=\"\(n(rowHeight))\"/>\n"
        }
        for t in ticks {
            let tx = left + (t - xMin) / (xMax - xMin) * plotWidth
            out += "<line class=\"grid\" x1=\"\(n(tx))\" y1=\"\(n(top))\" x2=\"\(n(tx))\" y2=\"\(n(baseline))\"/>"
            out += "<text class=\"tick\" x=\"\(n(tx))\" y=\"\(n(baseline + 20))\" text-anchor=\"middle\">\(axisLabel(t))</text>\n"
        }
        for (i, r) in rows.enumerated() {
            let cy = top + rowHeight * (Double(i) + 0.5)
            let summary =
                "\(HTMLReport.escape(r.phase)): low \(HTMLReport.usd(r.low)), P10 \(HTMLReport.usd(r.p10)), "
                + "expected \(HTMLReport.usd(r.expected)), P90 \(HTMLReport.usd(r.p90)), high \(HTMLReport.usd(r.high))"
            out += "<g class=\"range-row\"><title>\(summary)</title>\n"
            out +=
                "<text class=\"label\" x=\"\(n(left - 10))\" y=\"\(n(cy + font * 0.35))\" text-anchor=\"end\">\(HTMLReport.escape(labels[i]))</text>\n"
            if r.low != r.high {
                out += "<line class=\"mark range\" x1=\"\(n(x(r.low)))\" y1=\"\(n(cy))\" x2=\"\(n(x(r.high)))\" y2=\"\(n(cy))\"/>"
                for end in [r.low, r.high] {
                    out +=
                        "<line class=\"range\" x1=\"\(n(x(end)))\" y1=\"\(n(cy - 6))\" x2=\"\(n(x(end)))\" y2=\"\(n(cy + 6))\"/>"
                }
                let bandWidth = max(2, x(r.p90) - x(r.p10))
                out +=
                    "\n<rect class=\"mark band\" x=\"\(n(x(r.p10)))\" y=\"\(n(cy - 7))\" width=\"\(n(bandWidth))\" height=\"14\" rx=\"2\"/>\n"
            }
            out += "<circle class=\"mark expected\" cx=\"\(n(x(r.expected)))\" cy=\"\(n(cy))\" r=\"5\"/>\n</g>\n"
        }
        out += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(baseline))\" x2=\"\(n(width - right))\" y2=\"\(n(baseline))\"/>\n"
        return out + "</svg>\n"
    }
}
