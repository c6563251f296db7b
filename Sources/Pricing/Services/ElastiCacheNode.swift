import CostModel

/// ElastiCache (Redis OSS) on-demand nodes.
public struct ElastiCacheNode: ServiceRule {
    public let type = "elasticache"
    public let summary = "ElastiCache Redis OSS nodes"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("node_type", .text(choices: nil), default: .text("cache.t4g.micro"), "node type"),
        .number("nodes", "count", default: 1, "nodes (primary plus replicas)"),
        .hoursPerDay,
        Commitment.parameter(savingsPlan: false),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let key = "elasticache.\(p.text("node_type")).redis"
        return Commitment(p.text("purchase")).map {
            $0.components(
                "node hours", onDemandKey: key, count: p.number("nodes"), hoursPerMonth: p.hoursPerMonth, runningHours: p.hours)
        } ?? [PriceComponent("node hours", key: key, quantity: p.number("nodes") * p.hours)]
    }

    public let example = RuleExample(
        [:], region: "ap-southeast-2", monthly: "17.52",
        seed: "seed 001: 'Amazon ElastiCache (Redis) ... Cost: ~$15/month (cache.t4g.micro)'")
}
