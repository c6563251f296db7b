import CostModel

/// How an instance is bought: on demand; a standard Reserved Instance for 1 or 3 years with no,
/// partial or all upfront payment (every hour of the term is billed, whether the instance runs or
/// not; an upfront fee is spread over the term's months); or a Compute Savings Plan (the usage is
/// billed at the plan's rate; partial upfront prepays half the term, all upfront all of it).
public struct Commitment: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case reserved, computeSavingsPlan }

    public var kind: Kind
    public var years: Int
    /// `no_upfront`, `partial_upfront` or `all_upfront`.
    public var payment: String

    static let prefixes: [(String, Kind)] = [("reserved_", .reserved), ("savings_plan_compute_", .computeSavingsPlan)]
    static let payments = ["no_upfront", "partial_upfront", "all_upfront"]

    public static func choices(reserved: Bool, savingsPlan: Bool) -> [String] {
        var out = ["on_demand"]
        for (prefix, kind) in prefixes where kind == .reserved ? reserved : savingsPlan {
            for term in ["1yr", "3yr"] { out += payments.map { "\(prefix)\(term)_\($0)" } }
        }
        return out
    }

    /// The `purchase` parameter of instance-like types.
    public static func parameter(reserved: Bool = true, savingsPlan: Bool = true) -> ParameterSpec {
        var meaning = ["on_demand"]
        if reserved {
            meaning.append(
                "reserved_1yr|3yr_no_upfront|partial_upfront|all_upfront (standard RI: every hour of the term is billed)")
        }
        if savingsPlan { meaning.append("savings_plan_compute_1yr|3yr_<payment> (the Compute Savings Plan rate)") }
        return ParameterSpec(
            "purchase", .text(choices: choices(reserved: reserved, savingsPlan: savingsPlan)), default: .text("on_demand"),
            meaning.joined(separator: ", or "))
    }

    /// nil for on demand.
    public init?(_ purchase: String) {
        guard let (prefix, kind) = Self.prefixes.first(where: { purchase.hasPrefix($0.0) }) else { return nil }
        let parts = purchase.dropFirst(prefix.count).split(separator: "_", maxSplits: 1).map(String.init)
        guard parts.count == 2, let y = Int(parts[0].dropLast(2)), Self.payments.contains(parts[1]) else { return nil }
        self.kind = kind
        years = y
        payment = parts[1]
    }

    public var termMonths: Int64 { Int64(years) * 12 }
    var term: String { "\(years)yr" }

    var label: String {
        (kind == .reserved ? "reserved" : "compute savings plan")
            + " \(term), \(payment.split(separator: "_").joined(separator: " "))"
    }

    /// `ec2.instance.t4g.medium.linux.reserved.1yr.no_upfront.hourly`, or
    /// `ec2.instance.t4g.medium.linux.savings_plan.compute.1yr.no_upfront`
    public func hourlyKey(_ onDemandKey: String) -> String {
        switch kind {
        case .reserved: return "\(onDemandKey).reserved.\(term).\(payment).hourly"
        case .computeSavingsPlan: return "\(onDemandKey).savings_plan.compute.\(term).\(payment)"
        }
    }

    /// `ec2.instance.t4g.medium.linux.reserved.1yr.partial_upfront.upfront` (nil without a fee)
    public func upfrontKey(_ onDemandKey: String) -> String? {
        kind == .reserved && payment != "no_upfront" ? "\(onDemandKey).reserved.\(term).\(payment).upfront" : nil
    }

    /// A usage component (`quantity` of the on-demand key) under a Savings Plan: the same quantity
    /// at the plan's rate, with the months partial or all upfront prepays.
    public func savingsPlanComponent(_ name: String, onDemandKey: String, quantity: Quantity) -> PriceComponent {
        let prepaid: Int64? = payment == "all_upfront" ? termMonths : payment == "partial_upfront" ? termMonths / 2 : nil
        return PriceComponent("\(name) (\(label))", key: hourlyKey(onDemandKey), quantity: quantity, prepaidMonths: prepaid)
    }

    /// The components of `count` instances bought this way. Reserved: the whole month's hours and
    /// the upfront fee amortised over the term. Savings Plan: the running hours at the plan's rate.
    public func components(
        _ name: String, onDemandKey: String, count: Quantity, hoursPerMonth: Quantity, runningHours: Quantity
    ) -> [PriceComponent] {
        if kind == .computeSavingsPlan {
            return [savingsPlanComponent(name, onDemandKey: onDemandKey, quantity: count * runningHours)]
        }
        var out = [PriceComponent("\(name) (\(label))", key: hourlyKey(onDemandKey), quantity: count * hoursPerMonth)]
        if let upfront = upfrontKey(onDemandKey) {
            out.append(
                PriceComponent(
                    "upfront fee, 1/\(termMonths) per month", key: upfront, quantity: count / Quantity(termMonths),
                    prepaidMonths: termMonths))
        }
        return out
    }
}
