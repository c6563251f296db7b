import CostModel

/// API Gateway: REST or HTTP API requests (tiered) and VPC links.
public struct APIGateway: ServiceRule {
    public let type = "api_gateway"
    public let summary = "API Gateway: REST or HTTP API requests (tiered) and VPC Link AZs"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("api", .text(choices: ["rest", "http"]), default: .text("rest"), "REST or HTTP API"),
        .number("requests", "request", default: 0, "API requests per month"),
        .number("vpc_link_azs", "count", default: 0, "AZs of a VPC link to a private load balancer (seed 003's figure)"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent(
                "\(p.text("api").uppercased()) API requests", key: "apigateway.\(p.text("api")).requests",
                quantity: p.number("requests")),
            PriceComponent("VPC link AZs", key: "apigateway.vpc_link", quantity: p.number("vpc_link_azs")),
        ]
    }

    public let example = RuleExample(
        ["requests": "1000000"], region: "us-east-1", monthly: "3.50",
        seed: "seed 003: 'API Gateway: ~$3.50 per million requests'")
}
