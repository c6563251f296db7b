import CostModel

/// SES: outbound email (per recipient).
public struct SESEmail: ServiceRule {
    public let type = "ses"
    public let summary = "SES: outbound emails"
    public let parameters: [ParameterSpec] = [.number("emails", "message", default: 0, "emails sent per month (per recipient)")]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("outbound emails", key: "ses.outbound.email", quantity: p.number("emails"))]
    }

    public let example = RuleExample(
        ["emails": "10000"], region: "ap-southeast-2", monthly: "1.00",
        seed: "seed 001: 'Email: SES (sandbox mode)' in the MVP")
}
