import CostModel

/// ElastiCache: on-demand (or reserved) nodes of Redis OSS, Valkey or Memcached, or an
/// ElastiCache Serverless cache (data stored and ECPUs).
public struct ElastiCacheNode: ServiceRule {
    public let type = "elasticache"
    public let summary = "ElastiCache Redis OSS / Valkey / Memcached nodes, or ElastiCache Serverless"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("node_type", .text(choices: nil), default: .text("cache.t4g.micro"), "node type"),
        ParameterSpec("engine", .text(choices: ["redis", "valkey", "memcached"]), default: .text("redis"), "cache engine"),
        .number("nodes", "count", default: 1, "nodes (primary plus replicas)"),
        ParameterSpec(
            "serverless", .flag, default: .flag(false),
            "ElastiCache Serverless instead of nodes: billed for data stored and ECPUs (node_type, nodes and purchase unused)"),
        .number(
            "data_gb", "GB", default: 0,
            "serverless: average data stored (Redis OSS and Memcached meter at least 1 GB per cache; a Valkey minimum is not modelled)"
        ),
        .number(
            "ecpus", "request", default: 0,
            "serverless: ElastiCache Processing Units per month (a simple GET or SET of up to 1 KB is one ECPU)"),
        .hoursPerDay,
        Commitment.parameter(savingsPlan: false),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let engine = p.text("engine")
        if p.flag("serverless") {
            // AWS Database Blog (ElastiCache Serverless launch): at least 1 GB per cache is metered.
            let minimum = engine == "valkey" ? Quantity.zero : Quantity(1)
            return [
                PriceComponent(
                    "serverless data stored (GB-hours)", key: "elasticache.serverless.\(engine).storage",
                    quantity: Quantity.max(p.number("data_gb"), minimum) * p.hours),
                PriceComponent("serverless ECPUs", key: "elasticache.serverless.\(engine).ecpu", quantity: p.number("ecpus")),
            ]
        }
        let key = "elasticache.\(p.text("node_type")).\(engine)"
        return Commitment(p.text("purchase")).map {
            $0.components(
                "node hours", onDemandKey: key, count: p.number("nodes"), hoursPerMonth: p.hoursPerMonth, runningHours: p.hours)
        } ?? [PriceComponent("node hours", key: key, quantity: p.number("nodes") * p.hours)]
    }

    public let example = RuleExample(
        [:], region: "ap-southeast-2", monthly: "17.52",
        seed: "seed 001: 'Amazon ElastiCache (Redis) ... Cost: ~$15/month (cache.t4g.micro)'")
}
