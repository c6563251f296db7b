import CostModel

/// EBS snapshots in the Standard tier (incremental: the GB stored, not the volume size).
public struct EBSSnapshot: ServiceRule {
    public let type = "ebs_snapshot"
    public let summary = "EBS snapshots, Standard tier: GB-months stored (the Archive tier is not priced)"
    public let parameters: [ParameterSpec] = [
        .number("storage_gb", "GB", default: nil, "average GB of snapshot data stored over the month, all snapshots")
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("Standard snapshot storage", key: "ebs.snapshot.standard", quantity: p.number("storage_gb"))]
    }

    public let example = RuleExample(
        ["storage_gb": "10"], region: "us-east-1", monthly: "0.50",
        seed: "AWS pricing page via infracost golden ebs_snapshot_test: 'EBS snapshot storage 10 GB $0.50' (us-east-1)")
}
