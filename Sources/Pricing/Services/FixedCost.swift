import CostModel

/// A flat monthly amount: third-party services (Sentry) or hand estimates (a DR region), with a
/// required source note.
public struct FixedCost: ServiceRule {
    public let type = "fixed"
    public let summary = "a flat monthly amount with its source (non-AWS services, estimates)"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("monthly", .number(unit: "USD"), default: nil, "USD per month; a range low..high when uncertain"),
        ParameterSpec("source", .text(choices: nil), default: nil, "where the amount comes from (required)"),
        ParameterSpec("service", .text(choices: nil), default: .text("Fixed"), "what to file it under (e.g. Sentry)"),
        ParameterSpec(
            "provider", .text(choices: nil), default: nil, optional: true,
            "who bills it (default: AWS when service is an AWS offer code such as AmazonRDS, else the service)"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("monthly amount", price: .fixed, quantity: p.number("monthly"))]
    }

    public let example = RuleExample(
        ["monthly": "26", "source": "Sentry Team plan"], region: "ap-southeast-2", monthly: "26.00",
        seed: "seed 001: 'Enhanced Sentry integration ... Cost: ~$26/month (Team plan)'")
}
