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
        var out = CSVWriter.line(focusColumns)
        for r in rows {
            let l = r.line
            let period = (r.month.startTimestamp, r.month.adding(months: 1).startTimestamp)
            let purchase = r.kind == .purchase
            // An always-free allowance: a credit against the usage it covers.
            let credit = l.type == "free_tier"
            let aws = l.provider == "AWS"
            let focus = AWSServiceNames.focus[l.service]
            let commitment = r.commitment
            var rowTags = tags
            if let t = r.tenant, t.hasPrefix("tenant-") { rowTags.append(("Tenant", t)) }
            let unit = purchase ? "Commitments" : focusUnit(l.unit)
            let unitPrice = purchase ? r.billed.exactString : decimal(l.unitPrice.description)
            let quantity = purchase ? "1.0" : decimal(r.quantity.description)
            let listCost = money(purchase ? r.billed : r.effective)
            let pricingCategory =
                commitment != nil ? "Committed" : l.priceKey.contains(".spot.") ? "Dynamic" : "Standard"
            let skuId = l.priceOrigin == "fixed" ? "fixed:\(l.resource)" : l.priceKey
            var fields: [String] = [
                account.id, account.name, currency, period.0, period.1, period.0, period.1,
                purchase ? "Purchase" : credit ? "Credit" : "Usage", "",
                purchase ? "\(l.resource): \(l.component) (upfront payment)" : "\(l.resource): \(l.component)",
                purchase ? "One-Time" : l.priceOrigin == "fixed" || commitment != nil ? "Recurring" : "Usage-Based",
                money(r.billed), money(r.effective), listCost, unitPrice, listCost, unitPrice,
                pricingCategory, quantity, unit, purchase ? "" : quantity, purchase ? "" : unit,
            ]
            if let commitment {
                let id = "\(scenario)/\(l.resource)/\(commitment == "Reserved Instance" ? "ri" : "sp")"
                fields += [
                    commitment == "Reserved Instance" ? "Usage" : "Spend", id, "\(l.resource) \(commitment)",
                    purchase ? "" : quantity, purchase ? "" : "Used", commitment,
                    purchase ? "" : unit,
                ]
            } else {
                fields += ["", "", "", "", "", "", ""]
            }
            // InvoiceId stays null: planned charges are not invoiced.
            fields += [
                "", aws ? "AWS" : l.provider, aws ? "AWS" : l.provider, aws ? "AWS" : l.provider,
                aws ? l.region : "", aws ? (AWSServiceNames.regionNames[l.region] ?? l.region) : "",
                "\(scenario)/\(l.resource)", l.resource, l.type,
                focus?.category ?? "Other", focus?.subcategory ?? "Other (Other)", focus?.name ?? l.service,
                skuId, l.component, "{\"PriceKey\":\(JSON.quote(l.priceKey)),\"Unit\":\(JSON.quote(l.unit))}", skuId,
                "{" + rowTags.map { "\(JSON.quote($0.0)):\(JSON.quote($0.1))" }.joined(separator: ",") + "}",
                scenario, r.phase, r.tenant ?? "", l.priceSource, money(r.low), money(r.high),
            ]
            out += CSVWriter.line(fields)
        }
        return out
    }

    /// One row per month and service: what a spreadsheet pivot of the FOCUS file would give.
    public static func summary(_ rows: [FinanceRow], currency: String) -> String {
        var out = CSVWriter.line(["month", "phase", "service", "billed_cost", "effective_cost", "low", "high", "currency"])
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
            for name in order {
                let s = sums[name]!
                out += CSVWriter.line([month.description, phase, name, money(s.0), money(s.1), money(s.2), money(s.3), currency])
            }
        }
        return out
    }

    static func money(_ m: Money) -> String { m.formatted(decimals: 2) }

    /// A decimal number always written with a fraction (`730.0`), so that tools inferring column
    /// types (DuckDB, spreadsheets) read a decimal column, as FOCUS requires, not integers.
    static func decimal(_ text: String) -> String { text.contains(".") ? text : text + ".0" }

    /// Our units in FOCUS's unit format: time units capitalised and plural (`GB-month` →
    /// `GB-Months`, `hour` → `Hours`), counted things plural (`request` → `Requests`).
    public static func focusUnit(_ unit: String) -> String {
        let words = [
            "hour": "Hours", "month": "Months", "minute": "Minutes", "day": "Days", "second": "Seconds",
            "request": "Requests", "message": "Messages",
        ]
        if let w = words[unit] { return w }
        if let dash = unit.lastIndex(of: "-"), let time = words[String(unit[unit.index(after: dash)...])] {
            return unit[..<dash] + "-" + time
        }
        return unit
    }
}
