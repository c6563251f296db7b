import CostModel

/// NAT gateways: hours plus data processed.
public struct NATGateway: ServiceRule {
    public let type = "nat_gateway"
    public let summary = "NAT gateways: hours and GB processed"
    public let parameters: [ParameterSpec] = [
        .count("number of NAT gateways (one per AZ for HA)"),
        .hoursPerDay,
        .number("gb_processed", "GB", default: 0, "GB processed per month, all gateways together"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("gateway hours", key: "ec2.nat_gateway.hour", quantity: p.number("count") * p.hours),
            PriceComponent("data processed", key: "ec2.nat_gateway.data", quantity: p.number("gb_processed")),
        ]
    }

    public let example = RuleExample(
        ["gb_processed": "100"], region: "eu-central-1", monthly: "43.16",
        seed: "seed 000: 'Cost if added: ~$38/month + $0.052/GB processed' (38 + 100 GB × 0.052 = 43.20)")
}
