import CostModel

/// CodePipeline (V1 type): active pipelines per month.
public struct CodePipeline: ServiceRule {
    public let type = "codepipeline"
    public let summary = "CodePipeline V1: active pipelines"
    public let parameters: [ParameterSpec] = [.number("pipelines", "count", default: 1, "active pipelines")]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("active pipelines", key: "codepipeline.v1.pipeline", quantity: p.number("pipelines"))]
    }

    public let example = RuleExample(
        [:], region: "eu-central-1", monthly: "1.00",
        seed: "seed 002: 'Pipeline: v1-orcha-deploy'")
}
