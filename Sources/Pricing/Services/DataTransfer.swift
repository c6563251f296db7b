import CostModel

/// Data transfer: out to the internet (tiered), to other regions, and between AZs.
public struct DataTransfer: ServiceRule {
    public let type = "data_transfer"
    public let summary = "data transfer out to the internet (tiered), inter-region and inter-AZ"
    public let parameters: [ParameterSpec] = [
        .number("internet_out_gb", "GB", default: 0, "GB out to the internet per month"),
        .number("inter_region_gb", "GB", default: 0, "GB to other AWS regions per month"),
        .number("intra_region_gb", "GB", default: 0, "GB between AZs per month, each direction counted"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("out to internet", key: "data_transfer.out.internet", quantity: p.number("internet_out_gb")),
            PriceComponent("to other regions", key: "data_transfer.inter_region", quantity: p.number("inter_region_gb")),
            PriceComponent("between AZs", key: "data_transfer.intra_region", quantity: p.number("intra_region_gb")),
        ]
    }

    public let example = RuleExample(
        ["internet_out_gb": "100"], region: "eu-central-1", monthly: "9.00",
        seed: "seed 004: 'S3/CloudFront egress: delivered media is the main cost driver at scale'")
}
