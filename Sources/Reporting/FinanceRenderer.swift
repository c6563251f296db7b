import CostModel

/// The monthly finance file: FOCUS 1.2 columns (the FinOps Foundation's billing data format),
/// one row per month × cost line, plus `x_` columns of our own; and a month × service pivot.
public enum FinanceRenderer {
    /// Who the finance file is "billed" to: a plan has no real account.
    public struct Account: Sendable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public static let focusColumns = [
        "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd",
        "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
        "BilledCost", "EffectiveCost", "ListCost", "ListUnitPrice", "ContractedCost", "ContractedUnitPrice",
        "PricingCategory", "PricingQuantity", "PricingUnit", "ConsumedQuantity", "ConsumedUnit",
        "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountQuantity",
        "CommitmentDiscountStatus", "CommitmentDiscountType", "CommitmentDiscountUnit",
        "InvoiceId", "InvoiceIssuerName", "ProviderName", "PublisherName", "RegionId", "RegionName",
        "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceSubcategory", "ServiceName",
        "SkuId", "SkuMeter", "SkuPriceDetails", "SkuPriceId", "Tags",
        "x_Scenario", "x_Phase", "x_Tenant", "x_PriceSource", "x_Low", "x_High",
    ]

    /// The FOCUS CSV: RFC 4180 (CRLF, quoted where needed), UTF-8, dates ISO 8601 UTC, rows
    /// in timeline order then the phase's line order.
    public static func focusCSV(
        _ rows: [FinanceRow], scenario: String, tags: [(String, String)], currency: String, account: Account
    ) -> String {
        var out = OutputBuffer(capacity: 1 << 16)
        focusCSV(rows, scenario: scenario, tags: tags, currency: currency, account: account, into: &out)
        return out.text
    }

    /// The FOCUS columns that depend on the cost line alone.
    struct LineColumns {
        var focusCategory: String
        var focusSubcategory: String
        var focusName: String
        var provider: String
        var region: String
        var regionName: String
        var unit: String
        var unitPrice: String
        var skuId: String
        /// A spot price: FOCUS's Dynamic pricing category.
        var spot: Bool
    }

    static func columns(_ l: CostLine) -> LineColumns {
        let aws = l.provider == "AWS"
        let focus = AWSServiceNames.focus[l.service]
        return LineColumns(
            focusCategory: focus?.category ?? "Other", focusSubcategory: focus?.subcategory ?? "Other (Other)",
            focusName: focus?.name ?? l.service, provider: aws ? "AWS" : l.provider, region: aws ? l.region : "",
            regionName: aws ? (AWSServiceNames.regionNames[l.region] ?? l.region) : "", unit: focusUnit(l.unit),
            unitPrice: decimal(l.unitPrice.description), skuId: l.priceOrigin == .fixed ? "fixed:\(l.resource)" : l.priceKey,
            spot: l.priceKey.contains(".spot."))
    }

    /// Appends the FOCUS CSV to `out` (see ``focusCSV(_:scenario:tags:currency:account:)``);
    /// returns the number of rows after the header.
    @discardableResult
    public static func focusCSV(
        _ rows: [FinanceRow], scenario: String, tags: [(String, String)], currency: String, account: Account,
        into out: inout OutputBuffer
    ) -> Int {
        var periodMonth: YearMonth?
        var period = ("", "")
        // A month's rows repeat the lines of its phase: their columns are worked out once.
        var known: [CostLine: LineColumns] = [:]
        out.csv { w in
            w.row(focusColumns)
            for r in rows {
                let l = r.line
                if r.month != periodMonth {
                    periodMonth = r.month
                    period = (r.month.startTimestamp, r.month.adding(months: 1).startTimestamp)
                }
                let c: LineColumns
                if let hit = known[l] {
                    c = hit
                } else {
                    c = columns(l)
                    known[l] = c
                }
                let purchase = r.kind == .purchase
                // An always-free allowance: a credit against the usage it covers.
                let credit = l.type == "free_tier"
                let commitment = r.commitment
                let quantity = purchase ? "1.0" : decimal(r.quantity.description)
                let listCost = purchase ? r.billed : r.effective
                w.field(account.id)
                w.field(account.name)
                w.field(currency)
                w.field(period.0)
                w.field(period.1)
                w.field(period.0)
                w.field(period.1)
                w.field(purchase ? "Purchase" : credit ? "Credit" : "Usage")
                w.empty()
                w.beginField()
                w.part(l.resource)
                w.part(": ")
                w.part(l.component)
                if purchase { w.part(" (upfront payment)") }
                w.endField()
                w.field(purchase ? "One-Time" : l.priceOrigin == .fixed || commitment != nil ? "Recurring" : "Usage-Based")
                let unitPrice = purchase ? r.billed.exactString : c.unitPrice
                let unit = purchase ? "Commitments" : c.unit
                w.field(money: r.billed)
                w.field(money: r.effective)
                w.field(money: listCost)
                w.field(unitPrice)
                w.field(money: listCost)
                w.field(unitPrice)
                w.field(commitment != nil ? "Committed" : c.spot ? "Dynamic" : "Standard")
                w.field(quantity)
                w.field(unit)
                w.field(purchase ? "" : quantity)
                w.field(purchase ? "" : unit)
                if let commitment {
                    let ri = commitment == "Reserved Instance"
                    w.field(ri ? "Usage" : "Spend")
                    w.beginField()
                    w.part(scenario)
                    w.part("/")
                    w.part(l.resource)
                    w.part(ri ? "/ri" : "/sp")
                    w.endField()
                    w.beginField()
                    w.part(l.resource)
                    w.part(" ")
                    w.part(commitment)
                    w.endField()
                    w.field(purchase ? "" : quantity)
                    w.field(purchase ? "" : "Used")
                    w.field(commitment)
                    w.field(purchase ? "" : unit)
                } else {
                    for _ in 0..<7 { w.empty() }
                }
                // InvoiceId stays null: planned charges are not invoiced.
                w.empty()
                w.field(c.provider)
                w.field(c.provider)
                w.field(c.provider)
                w.field(c.region)
                w.field(c.regionName)
                w.beginField()
                w.part(scenario)
                w.part("/")
                w.part(l.resource)
                w.endField()
                w.field(l.resource)
                w.field(l.type)
                w.field(c.focusCategory)
                w.field(c.focusSubcategory)
                w.field(c.focusName)
                w.field(c.skuId)
                w.field(l.component)
                w.beginField()
                w.part("{\"PriceKey\":")
                w.part(jsonString: l.priceKey)
                w.part(",\"Unit\":")
                w.part(jsonString: l.unit)
                w.part("}")
                w.endField()
                w.field(c.skuId)
                w.beginField()
                w.part("{")
                for (i, t) in tags.enumerated() {
                    if i > 0 { w.part(",") }
                    w.part(jsonString: t.0)
                    w.part(":")
                    w.part(jsonString: t.1)
                }
                if let t = r.tenant, t.hasPrefix("tenant-") {
                    if !tags.isEmpty { w.part(",") }
                    w.part(jsonString: "Tenant")
                    w.part(":")
                    w.part(jsonString: t)
                }
                w.part("}")
                w.endField()
                w.field(scenario)
                w.field(r.phase)
                w.field(r.tenant ?? "")
                w.field(l.priceSource)
                w.field(money: r.low)
                w.field(money: r.high)
                w.endRow()
            }
        }
        return rows.count
    }

    /// One row per month and service: what a spreadsheet pivot of the FOCUS file would give.
    public static func summary(_ rows: [FinanceRow], currency: String) -> String {
        var out = OutputBuffer(capacity: 1 << 16)
        summary(rows, currency: currency, into: &out)
        return out.text
    }

    /// Appends the month × service summary to `out`; returns the number of rows after the header.
    @discardableResult
    public static func summary(_ rows: [FinanceRow], currency: String, into out: inout OutputBuffer) -> Int {
        var written = 0
        out.csv { w in
            w.row(["month", "phase", "service", "billed_cost", "effective_cost", "low", "high", "currency"])
            var i = rows.startIndex
            while i < rows.endIndex {
                let month = rows[i].month
                var order: [String] = []
                var sums: [String: (Money, Money, Money, Money)] = [:]
                var phase = ""
                while i < rows.endIndex, rows[i].month == month {
                    let r = rows[i]
                    phase = r.phase
                    let name = AWSServiceNames.focus[r.line.service]?.name ?? r.line.service
                    if sums[name] == nil { order.append(name) }
                    let s = sums[name] ?? (.zero, .zero, .zero, .zero)
                    sums[name] = (
                        s.0 + r.billed, s.1 + r.effective, s.2 + (r.kind == .usage ? r.low : .zero),
                        s.3 + (r.kind == .usage ? r.high : .zero)
                    )
                    i += 1
                }
                let text = month.description
                for name in order {
                    let s = sums[name]!
                    w.field(text)
                    w.field(phase)
                    w.field(name)
                    w.field(money: s.0)
                    w.field(money: s.1)
                    w.field(money: s.2)
                    w.field(money: s.3)
                    w.field(currency)
                    w.endRow()
                    written += 1
                }
            }
        }
        return written
    }

    static func money(_ m: Money) -> String { m.formatted(decimals: 2) }

    /// A decimal number always written with a fraction (`730.0`), so that tools inferring column
    /// types (DuckDB, spreadsheets) read a decimal column, as FOCUS requires, not integers.
    static func decimal(_ text: String) -> String { text.utf8.contains(UInt8(ascii: ".")) ? text : text + ".0" }

    /// Our units in FOCUS's unit format: time units capitalised and plural (`GB-month` →
    /// `GB-Months`, `hour` → `Hours`), counted things plural (`request` → `Requests`).
    static let unitWords = [
        "hour": "Hours", "month": "Months", "minute": "Minutes", "day": "Days", "second": "Seconds",
        "request": "Requests", "message": "Messages",
    ]

    public static func focusUnit(_ unit: String) -> String {
        let words = unitWords
        if let w = words[unit] { return w }
        if let dash = unit.lastIndex(of: "-"), let time = words[String(unit[unit.index(after: dash)...])] {
            return unit[..<dash] + "-" + time
        }
        return unit
    }
}
