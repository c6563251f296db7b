import CostModel

/// Cognito user pools: monthly active users (tiered).
public struct CognitoUserPool: ServiceRule {
    public let type = "cognito"
    public let summary = "Cognito user pool: monthly active users"
    public let parameters: [ParameterSpec] = [.number("mau", "MAU", default: 0, "monthly active users")]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("monthly active users", key: "cognito.mau", quantity: p.number("mau"))]
    }

    public let example = RuleExample(
        ["mau": "500"], region: "ap-southeast-2", monthly: "0.00",
        seed: "seed 001: 'Authentication: Cognito (single user pool)' in the ~$45 MVP")
}
