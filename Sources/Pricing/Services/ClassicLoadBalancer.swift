import CostModel

/// Classic Load Balancers (previous generation): hours plus GB processed.
public struct ClassicLoadBalancer: ServiceRule {
    public let type = "classic_elb"
    public let summary = "Classic Load Balancer: hours and GB processed"
    public let parameters: [ParameterSpec] = [
        .count("number of load balancers"),
        .hoursPerDay,
        .number("gb_processed", "GB", default: 0, "GB processed per month, all load balancers together"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("load balancer hours", key: "elb.classic.hour", quantity: p.number("count") * p.hours),
            PriceComponent("data processed", key: "elb.classic.data", quantity: p.number("gb_processed")),
        ]
    }

    public let example = RuleExample(
        ["gb_processed": "100"], region: "us-east-1", monthly: "19.05",
        seed: "AWS pricing page via infracost golden elb_test: 'Classic load balancer 730 hours $18.25', '$0.008 per GB'"
            + " (us-east-1); ours: 730 h × 0.025 + 100 GB × 0.008 = 18.25 + 0.80 = $19.05")
}
