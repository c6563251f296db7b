import CostModel

/// SNS: publish requests and notification deliveries.
public struct SNSTopic: ServiceRule {
    public let type = "sns"
    public let summary = "SNS: publish requests, email and HTTP notifications"
    public let parameters: [ParameterSpec] = [
        .number("topics", "count", default: 1, "topics (no charge of their own)"),
        .number("requests", "request", default: 0, "publish API requests per month"),
        .number("email_notifications", "message", default: 0, "email deliveries per month"),
        .number("http_notifications", "message", default: 0, "HTTP/S deliveries per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("publish requests", key: "sns.requests", quantity: p.number("requests")),
            PriceComponent("email notifications", key: "sns.notifications.email", quantity: p.number("email_notifications")),
            PriceComponent("HTTP notifications", key: "sns.notifications.http", quantity: p.number("http_notifications")),
        ]
    }

    public let example = RuleExample(
        ["requests": "1000", "email_notifications": "1000"], region: "eu-central-1", monthly: "0.02",
        seed: "seed 002: 'SNS Topic: v1-orcha-alerts (email subscription)'")
}
