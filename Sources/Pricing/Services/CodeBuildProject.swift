import CostModel

/// CodeBuild: build minutes on one Linux compute type (ARM compute types have no sourced price
/// yet: see pricing/README.md).
public struct CodeBuildProject: ServiceRule {
    public let type = "codebuild"
    public let summary = "CodeBuild: build minutes"
    public let parameters: [ParameterSpec] = [
        .number("build_minutes", "minute", default: 0, "build minutes per month"),
        ParameterSpec(
            "compute", .text(choices: ["general1.small", "general1.medium", "general1.large"]),
            default: .text("general1.small"), "compute type"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("build minutes", key: "codebuild.linux.\(p.text("compute"))", quantity: p.number("build_minutes"))]
    }

    public let example = RuleExample(
        ["build_minutes": "300"], region: "eu-central-1", monthly: "1.50",
        seed: "seed 002: 'CodeBuild: run tests, build uberjar, build/push Docker image'")
}
