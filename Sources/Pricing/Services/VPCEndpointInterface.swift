import CostModel

/// Interface VPC endpoints (PrivateLink): hours per endpoint per AZ plus data processed.
public struct VPCEndpointInterface: ServiceRule {
    public let type = "vpc_endpoint_interface"
    public let summary = "interface VPC endpoints: hours per endpoint per AZ and GB processed"
    public let parameters: [ParameterSpec] = [
        .number("endpoints", "count", default: 1, "number of interface endpoints (one per AWS service)"),
        .number("azs", "count", default: 2, "availability zones each endpoint has a network interface in"),
        .hoursPerDay,
        .number("gb_processed", "GB", default: 0, "GB processed per month, all endpoints together"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent(
                "endpoint AZ-hours", key: "vpc.endpoint.interface.hour",
                quantity: p.number("endpoints") * p.number("azs") * p.hours),
            PriceComponent("data processed", key: "vpc.endpoint.interface.data", quantity: p.number("gb_processed")),
        ]
    }

    public let example = RuleExample(
        ["endpoints": "7", "azs": "2"], region: "eu-central-1", monthly: "122.64",
        seed: "seed 000: 7 interface endpoints × 2 AZs '~$17.50' each, '~$122/month for all interface endpoints'")
}
