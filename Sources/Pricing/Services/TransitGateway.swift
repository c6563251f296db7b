import CostModel

/// Transit gateway VPC attachments: hours per attachment plus GB processed.
public struct TransitGateway: ServiceRule {
    public let type = "transit_gateway"
    public let summary = "Transit gateway: VPC attachment hours and GB processed"
    public let parameters: [ParameterSpec] = [
        .number("attachments", "count", default: 1, "VPC attachments to the transit gateway"),
        .hoursPerDay,
        .number("gb_processed", "GB", default: 0, "GB sent from the VPC attachments to the transit gateway per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent(
                "VPC attachment hours", key: "vpc.transit_gateway.vpc_attachment",
                quantity: p.number("attachments") * p.hours),
            PriceComponent("data processed", key: "vpc.transit_gateway.vpc_data", quantity: p.number("gb_processed")),
        ]
    }

    public let example = RuleExample(
        ["attachments": "2", "gb_processed": "500"], region: "us-east-1", monthly: "83.00",
        seed: "AWS pricing page via infracost golden ec2_transit_gateway_vpc_attachment_test: 'Transit gateway attachment"
            + " 730 hours $36.50', '$0.02 per GB' (us-east-1); ours: 2 × 36.50 + 500 GB × 0.02 = 73.00 + 10.00 = $83.00")
}
