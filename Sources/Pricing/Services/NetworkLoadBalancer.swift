import CostModel

/// Network Load Balancers: hours plus network load balancer capacity units (NLCU).
public struct NetworkLoadBalancer: ServiceRule {
    public let type = "nlb"
    public let summary = "Network Load Balancer: hours and NLCUs"
    public let parameters: [ParameterSpec] = [
        .count("number of load balancers"),
        .hoursPerDay,
        .number("nlcu", "LCU", default: 1, "average network load balancer capacity units in use, all NLBs together"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("load balancer hours", key: "elb.nlb.hour", quantity: p.number("count") * p.hours),
            PriceComponent("NLCU hours", key: "elb.nlb.lcu", quantity: p.number("nlcu") * p.hours),
        ]
    }

    public let example = RuleExample(
        ["nlcu": "2"], region: "us-east-1", monthly: "25.19",
        seed: "AWS pricing page via infracost golden lb_test: 'Network load balancer 730 hours $16.43' and '$4.38 per LCU'"
            + " (us-east-1); ours: 730 h × 0.0225 + 2 × 730 × 0.006 = 16.425 + 8.76 = $25.19")
}
