import CostModel

/// Secrets Manager: secrets per month and API calls.
public struct SecretsManager: ServiceRule {
    public let type = "secrets_manager"
    public let summary = "Secrets Manager: secrets and API requests (rotation calls included)"
    public let parameters: [ParameterSpec] = [
        .number("secrets", "count", default: 1, "secrets stored"),
        .number("api_requests", "request", default: 0, "API requests per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("secrets", key: "secretsmanager.secret", quantity: p.number("secrets")),
            PriceComponent("API requests", key: "secretsmanager.requests", quantity: p.number("api_requests")),
        ]
    }

    public let example = RuleExample(
        ["secrets": "2", "api_requests": "10000"], region: "ap-southeast-2", monthly: "0.85",
        seed: "seed 001: 'AWS Secrets Manager rotation ... Cost: ~$1/month'")
}
