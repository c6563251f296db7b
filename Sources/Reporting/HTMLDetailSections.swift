import CostModel

extension HTMLReport {
    /// Every phase line by line, folded.
    @Sendable public static func lineItems(_ model: ReportModel) -> HTMLSection? {
        let cost = model.cost
        guard !cost.phases.isEmpty else { return nil }
        let (ids, _) = PlanRenderer.sources(cost)
        var body = "<p class=\"hint\">Quantity × unit price, each line rounded once to the cent; [n] is the price's source.</p>\n"
        for p in cost.phases {
            body +=
                "<details class=\"phase-lines\"><summary>\(phaseCell(p)) <span class=\"summary-total\">\(usd(p.monthlyCost))</span></summary>\n"
            let rows = p.lines.map { l -> [String] in
                let n = ids[PlanRenderer.sourceID(l)] ?? 0
                return [
                    escape(l.resource), escape(l.component), escape(PlanRenderer.quantity(l)), escape(PlanRenderer.unitPrice(l)),
                    usd(l.monthlyCost), l.low == l.high ? "" : "\(usd(l.low))–\(usd(l.high))",
                    "<a href=\"#source-\(n)\">[\(n)]</a>",
                ]
            }
            body += table(
                caption: "Lines of \(p.id)",
                header: [
                    ("Resource", false), ("Component", false), ("Quantity", true), ("Unit price", true), ("Monthly", true),
                    ("Range", true), ("Source", false),
                ], rows: rows,
                footer: [
                    [
                        "<strong>Total</strong>", "", "", "", "<strong>\(usd(p.monthlyCost))</strong>",
                        p.hasRange ? "\(usd(p.low))–\(usd(p.high))" : "", "",
                    ]
                ])
            body += "</details>\n"
        }
        return HTMLSection(id: "lines", title: "Line items", body: body)
    }

    /// Every price used, with its key, region, origin, date and source.
    @Sendable public static func priceSources(_ model: ReportModel) -> HTMLSection? {
        let (_, list) = PlanRenderer.sources(model.cost)
        guard !list.isEmpty else { return nil }
        var body = "<ol class=\"sources\">\n"
        for (n, l) in list {
            body += "<li id=\"source-\(n)\">"
            if l.priceOrigin == .fixed {
                body += "<span class=\"key\">\(escape(l.resource))</span> <span class=\"muted\">fixed amount</span>"
            } else {
                let origin = l.priceOrigin == .priceList ? "imported AWS price list" : "price sheet"
                body += "<code class=\"key\">\(escape(l.priceKey))</code> <span class=\"muted\">in \(escape(l.region)), \(origin)"
                body += l.priceEffectiveDate.isEmpty ? "" : ", effective \(escape(l.priceEffectiveDate))"
                body += "</span>"
            }
            body += "<div class=\"source\">\(escape(l.priceSource))</div></li>\n"
        }
        return HTMLSection(id: "sources", title: "Price sources", body: body + "</ol>\n")
    }
}
