import CostModel

/// QuickSight: per-author monthly subscriptions (month-to-month Author price; seed 001's
/// "~$24/month (Standard edition)" is this figure).
public struct QuickSight: ServiceRule {
    public let type = "quicksight"
    public let summary = "QuickSight: user subscriptions"
    public let parameters: [ParameterSpec] = [.number("users", "user", default: 1, "authors (dashboard creators)")]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("author subscriptions", key: "quicksight.enterprise.author", quantity: p.number("users"))]
    }

    public let example = RuleExample(
        [:], region: "ap-southeast-2", monthly: "24.00",
        seed: "seed 001: 'Amazon QuickSight ... Cost: ~$24/month (Standard edition)'")
}
