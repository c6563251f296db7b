import CostModel

/// Gateway Load Balancers (for third-party virtual appliances): hours plus GLCUs.
public struct GatewayLoadBalancer: ServiceRule {
    public let type = "gateway_load_balancer"
    public let summary = "Gateway Load Balancer: hours and GLCUs (its endpoints are gateway_load_balancer_endpoint)"
    public let parameters: [ParameterSpec] = [
        .count("number of load balancers"),
        .hoursPerDay,
        .number("glcu", "LCU", default: 1, "average gateway load balancer capacity units in use, all GWLBs together"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("load balancer hours", key: "elb.gwlb.hour", quantity: p.number("count") * p.hours),
            PriceComponent("GLCU hours", key: "elb.gwlb.lcu", quantity: p.number("glcu") * p.hours),
        ]
    }

    public let example = RuleExample(
        ["glcu": "1"], region: "eu-west-2", monthly: "13.65",
        seed: "AWS Price List AWSELB eu-west-2 (genuine file): 730 h × 0.0147 + 730 × 0.004 = 10.731 + 2.92 = $13.65",
        priceLists: ["AWSELB-eu-west-2.csv"])
}
