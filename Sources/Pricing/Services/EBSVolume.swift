import CostModel

/// Standalone EBS gp3 volumes.
public struct EBSVolume: ServiceRule {
    public let type = "ebs_volume"
    public let summary = "EBS gp3 volumes (storage only; baseline IOPS/throughput included)"
    public let parameters: [ParameterSpec] = [
        .count("number of volumes"),
        .number("size_gb", "GB", default: nil, "size of each volume"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("gp3 storage", key: "ebs.gp3.storage", quantity: p.number("count") * p.number("size_gb"))]
    }

    public let example = RuleExample(
        ["size_gb": "30"], region: "eu-central-1", monthly: "2.86",
        seed: "seed 002: a 30 GB volume in eu-central-1 (the seed does not price EBS)")
}
