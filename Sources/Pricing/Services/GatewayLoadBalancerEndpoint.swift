import CostModel

/// Gateway Load Balancer endpoints (PrivateLink to a GWLB): hours per endpoint plus GB processed.
/// A type of its own, not an option of `vpc_endpoint_interface`: each GWLB endpoint lives in one
/// subnet (one AZ, so no `azs`), its usage types differ and its data price is not tiered.
public struct GatewayLoadBalancerEndpoint: ServiceRule {
    public let type = "gateway_load_balancer_endpoint"
    public let summary = "Gateway Load Balancer endpoints: hours per endpoint (one AZ each) and GB processed"
    public let parameters: [ParameterSpec] = [
        .number("endpoints", "count", default: 1, "GWLB endpoints (one per AZ whose traffic goes through the appliances)"),
        .hoursPerDay,
        .number("gb_processed", "GB", default: 0, "GB processed per month, all endpoints together"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("endpoint hours", key: "vpc.endpoint.gwlb.hour", quantity: p.number("endpoints") * p.hours),
            PriceComponent("data processed", key: "vpc.endpoint.gwlb.data", quantity: p.number("gb_processed")),
        ]
    }

    public let example = RuleExample(
        ["endpoints": "2", "gb_processed": "1000"], region: "us-east-1", monthly: "18.10",
        seed: "AWS pricing page via infracost golden vpc_endpoint_test: 'Endpoint (GatewayLoadBalancer) 730 hours $7.30',"
            + " '$0.0035 per GB' (us-east-1); ours: 2 × 730 h × 0.01 + 1000 GB × 0.0035 = 14.60 + 3.50 = $18.10")
}
