import CostModel

/// How an instance is bought: on demand, or a standard Reserved Instance for 1 or 3 years with
/// no, partial or all upfront payment. Reserved hours are billed for every hour of the term,
/// whether the instance runs or not; an upfront fee is spread over the term's months.
public struct Commitment: Sendable, Equatable {
    public var years: Int
    /// `no_upfront`, `partial_upfront` or `all_upfront`.
    public var payment: String

    public static let choices =
        ["on_demand"]
        + ["1yr", "3yr"].flatMap { term in
            ["no_upfront", "partial_upfront", "all_upfront"].map { "reserved_\(term)_\($0)" }
        }

    /// The `purchase` parameter every instance-like type takes.
    public static let parameter = ParameterSpec(
        "purchase", .text(choices: choices), default: .text("on_demand"),
        "on_demand, or reserved_1yr|3yr_no_upfront|partial_upfront|all_upfront (standard RI: every hour of the term is billed)")

    /// nil for on demand.
    public init?(_ purchase: String) {
        guard purchase.hasPrefix("reserved_") else { return nil }
        let parts = purchase.dropFirst("reserved_".count).split(separator: "_", maxSplits: 1).map(String.init)
        guard parts.count == 2, let y = Int(parts[0].dropLast(2)) else { return nil }
        years = y
        payment = parts[1]
    }

    public var termMonths: Int64 { Int64(years) * 12 }
    var term: String { "\(years)yr" }

    /// `ec2.instance.t4g.medium.linux.reserved.1yr.no_upfront.hourly`
    public func hourlyKey(_ onDemandKey: String) -> String { "\(onDemandKey).reserved.\(term).\(payment).hourly" }
    /// `ec2.instance.t4g.medium.linux.reserved.1yr.partial_upfront.upfront` (nil without upfront)
    public func upfrontKey(_ onDemandKey: String) -> String? {
        payment == "no_upfront" ? nil : "\(onDemandKey).reserved.\(term).\(payment).upfront"
    }

    /// The components of `count` instances bought this way: reserved hours for the whole month,
    /// and the upfront fee amortised over the term.
    public func components(_ name: String, onDemandKey: String, count: Quantity, hoursPerMonth: Quantity) -> [PriceComponent] {
        var out = [
            PriceComponent(
                "\(name) (reserved \(term), \(payment.replacingUnderscores))", key: hourlyKey(onDemandKey),
                quantity: count * hoursPerMonth)
        ]
        if let upfront = upfrontKey(onDemandKey) {
            out.append(
                PriceComponent(
                    "upfront fee, 1/\(termMonths) per month", key: upfront,
                    quantity: count / Quantity(termMonths), amortisedMonths: termMonths))
        }
        return out
    }
}

extension String {
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
