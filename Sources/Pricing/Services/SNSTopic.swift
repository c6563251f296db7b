import CostModel

/// SNS: publish requests and notification deliveries, for standard or FIFO topics.
public struct SNSTopic: ServiceRule {
    public let type = "sns"
    public let summary =
        "SNS: publish requests, email and HTTP notifications; FIFO topics (publish and SQS deliveries with payload)"
    public let parameters: [ParameterSpec] = [
        .number("topics", "count", default: 1, "topics (no charge of their own)"),
        ParameterSpec(
            "fifo", .flag, default: .flag(false), "FIFO topics: publish requests and payload, SQS deliveries and payload"),
        .number("requests", "request", default: 0, "publish API requests per month (64 KB chunks)"),
        .number("email_notifications", "message", default: 0, "email deliveries per month"),
        .number("http_notifications", "message", default: 0, "HTTP/S deliveries per month"),
        .number("publish_gb", "GB", default: 0, "FIFO: payload published per month"),
        .number("sqs_notifications", "message", default: 0, "FIFO: deliveries to SQS queues per month"),
        .number("sqs_notification_gb", "GB", default: 0, "FIFO: payload delivered to SQS queues per month"),
    ]

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        if p.flag("fifo") {
            // AWS SNS Developer Guide (FIFO topics): subscribers are SQS queues only.
            return ["email_notifications", "http_notifications"].filter { p.number($0) != .zero }.map {
                (
                    $0,
                    "FIFO topics deliver only to Amazon SQS queues (AWS SNS Developer Guide, message ordering and deduplication)"
                )
            }
        }
        return ["publish_gb", "sqs_notifications", "sqs_notification_gb"].filter { p.number($0) != .zero }.map {
            ($0, "\($0) is charged on FIFO topics only (set fifo: true); standard topics deliver to SQS at no charge")
        }
    }

    public func components(_ p: RuleInput) -> [PriceComponent] {
        if p.flag("fifo") {
            return [
                PriceComponent("FIFO publish requests", key: "sns.fifo.requests", quantity: p.number("requests")),
                PriceComponent("FIFO publish payload", key: "sns.fifo.publish_payload", quantity: p.number("publish_gb")),
                PriceComponent("FIFO SQS notifications", key: "sns.fifo.notifications", quantity: p.number("sqs_notifications")),
                PriceComponent(
                    "FIFO SQS notification payload", key: "sns.fifo.notification_payload",
                    quantity: p.number("sqs_notification_gb")),
            ]
        }
        return [
            PriceComponent("publish requests", key: "sns.requests", quantity: p.number("requests")),
            PriceComponent("email notifications", key: "sns.notifications.email", quantity: p.number("email_notifications")),
            PriceComponent("HTTP notifications", key: "sns.notifications.http", quantity: p.number("http_notifications")),
        ]
    }

    public let example = RuleExample(
        ["requests": "1000", "email_notifications": "1000"], region: "eu-central-1", monthly: "0.02",
        seed: "seed 002: 'SNS Topic: v1-orcha-alerts (email subscription)'")
}
