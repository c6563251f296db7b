import CostModel

/// Application Load Balancers: hours plus load balancer capacity units.
public struct ApplicationLoadBalancer: ServiceRule {
    public let type = "alb"
    public let summary = "Application Load Balancer: hours and LCUs"
    public let parameters: [ParameterSpec] = [
        .count("number of load balancers"),
        .hoursPerDay,
        .number("lcu", "LCU", default: 1, "average load balancer capacity units in use, all ALBs together"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("load balancer hours", key: "elb.alb.hour", quantity: p.number("count") * p.hours),
            PriceComponent("LCU hours", key: "elb.alb.lcu", quantity: p.number("lcu") * p.hours),
        ]
    }

    public let example = RuleExample(
        ["lcu": "1"], region: "ap-southeast-2", monthly: "24.24",
        seed: "seed 001: 'Add Application Load Balancer ... Cost: ~$25/month'")
}
