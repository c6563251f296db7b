import CostModel

/// API Gateway: REST or HTTP API requests (tiered), VPC links and a REST API's dedicated cache.
public struct APIGateway: ServiceRule {
    public let type = "api_gateway"
    public let summary = "API Gateway: REST or HTTP API requests (tiered), VPC Link AZs, REST cache by size"
    /// Cache sizes as the API takes them (`cacheClusterSize`) → as the Price List names them
    /// (`ApiGatewayCacheUsage:1.55GB` for the 1.6 GB cache).
    static let cacheSizes = [
        "0.5": "0.5", "1.6": "1.55", "6.1": "6.05", "13.5": "13.5", "28.4": "28.4", "58.2": "58.2", "118": "118", "237": "237",
    ]
    public let parameters: [ParameterSpec] = [
        ParameterSpec("api", .text(choices: ["rest", "http"]), default: .text("rest"), "REST or HTTP API"),
        .number("requests", "request", default: 0, "API requests per month"),
        .number("vpc_link_azs", "count", default: 0, "AZs of a VPC link to a private load balancer (seed 003's figure)"),
        ParameterSpec(
            "cache_gb", .number(unit: "GB"), default: nil, optional: true,
            "REST API stage cache size (cacheClusterSize: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237 GB); no cache when not set"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        var out = [
            PriceComponent(
                "\(p.text("api").uppercased()) API requests", key: "apigateway.\(p.text("api")).requests",
                quantity: p.number("requests")),
            PriceComponent("VPC link AZs", key: "apigateway.vpc_link", quantity: p.number("vpc_link_azs")),
        ]
        let cache = p.number("cache_gb").description
        if let size = Self.cacheSizes[cache] {
            out.append(PriceComponent("\(cache) GB cache hours", key: "apigateway.cache.\(size)", quantity: p.hours))
        }
        return out
    }

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        guard p.numbers["cache_gb"] != nil else { return [] }
        let cache = p.number("cache_gb").description
        if Self.cacheSizes[cache] == nil {
            return [
                (
                    "cache_gb",
                    "API Gateway caches are 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237 GB, not \(cache)"
                        + " (API Gateway REST API reference, cacheClusterSize)"
                )
            ]
        }
        return p.text("api") == "http" ? [("cache_gb", "API caching is a REST API feature: an HTTP API has no cache")] : []
    }

    public let example = RuleExample(
        ["requests": "1000000"], region: "us-east-1", monthly: "3.50",
        seed: "seed 003: 'API Gateway: ~$3.50 per million requests'")
}
