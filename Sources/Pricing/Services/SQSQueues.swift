import CostModel

/// SQS queues: requests (64 KB chunks), standard or FIFO. The account-wide free tier is not
/// subtracted.
public struct SQSQueues: ServiceRule {
    public let type = "sqs"
    public let summary = "SQS: requests per month (queues themselves are free)"
    public let parameters: [ParameterSpec] = [
        .number("queues", "count", default: 1, "queues (no charge of their own)"),
        .number("requests", "request", default: 0, "API requests per month, all queues together (each 64 KB chunk is one)"),
        ParameterSpec("queue_type", .text(choices: ["standard", "fifo"]), default: .text("standard"), "standard or fifo"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("requests", key: "sqs.\(p.text("queue_type")).requests", quantity: p.number("requests"))]
    }

    public let example = RuleExample(
        ["queues": "4", "requests": "1000000"], region: "eu-central-1", monthly: "0.40",
        seed: "seed 000: 'SQS queues (4x) ~$0 (pay per message)'")
}
