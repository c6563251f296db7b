import CostModel

/// S3 Standard storage (tiered) and requests.
public struct S3Bucket: ServiceRule {
    public let type = "s3"
    public let summary = "S3 Standard: storage (tiered) and requests"
    public let parameters: [ParameterSpec] = [
        .number("buckets", "count", default: 1, "buckets (no charge of their own)"),
        .number("storage_gb", "GB", default: 0, "average GB stored over the month"),
        .number("put_requests", "request", default: 0, "PUT, COPY, POST and LIST requests per month"),
        .number("get_requests", "request", default: 0, "GET and other requests per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("Standard storage", key: "s3.standard.storage", quantity: p.number("storage_gb")),
            PriceComponent("PUT/COPY/POST/LIST requests", key: "s3.requests.tier1", quantity: p.number("put_requests")),
            PriceComponent("GET and other requests", key: "s3.requests.tier2", quantity: p.number("get_requests")),
        ]
    }

    public let example = RuleExample(
        ["storage_gb": "100", "put_requests": "100000", "get_requests": "1000000"],
        region: "eu-central-1", monthly: "3.42",
        seed: "seed 000: 'S3 bucket ~$0 (pay per storage/request)'")
}
