import CostModel

/// Route 53: hosted zones, standard, latency-based and geo DNS queries (tiered) and health checks.
public struct Route53DNS: ServiceRule {
    public let type = "route53"
    public let summary = "Route 53: hosted zones, DNS queries (standard, latency, geo), health checks"
    public let parameters: [ParameterSpec] = [
        .number("hosted_zones", "count", default: 1, "hosted zones"),
        .number("queries", "request", default: 0, "standard DNS queries per month"),
        .number("health_checks", "count", default: 0, "health checks of AWS endpoints"),
        .number("non_aws_health_checks", "count", default: 0, "health checks of endpoints outside AWS"),
        .number("latency_queries", "request", default: 0, "latency-based routing queries per month"),
        .number("geo_queries", "request", default: 0, "geolocation and geoproximity routing queries per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("hosted zones", key: "route53.hosted_zone", quantity: p.number("hosted_zones")),
            PriceComponent("queries", key: "route53.queries.standard", quantity: p.number("queries")),
            PriceComponent("health checks", key: "route53.health_check.aws", quantity: p.number("health_checks")),
            PriceComponent(
                "health checks (non-AWS endpoints)", key: "route53.health_check.non_aws",
                quantity: p.number("non_aws_health_checks")),
            PriceComponent("latency-based queries", key: "route53.queries.latency", quantity: p.number("latency_queries")),
            PriceComponent("geo DNS queries", key: "route53.queries.geo", quantity: p.number("geo_queries")),
        ]
    }

    public let example = RuleExample(
        ["queries": "1000000"], region: "eu-central-1", monthly: "0.90",
        seed: "seed 002: 'Hosted zone prod.getorcha.com' (the seed gives no figure)")
}
