import CostModel

/// CloudFront: data transfer out to the internet (tiered) and HTTP/HTTPS requests, by edge area.
public struct CloudFrontDistribution: ServiceRule {
    public let type = "cloudfront"
    public let summary = "CloudFront: data out (tiered) and requests, priced for one edge area"
    public let parameters: [ParameterSpec] = [
        ParameterSpec(
            "area", .text(choices: ["us", "eu", "au", "apac", "japan", "india", "south_america", "middle_east"]), default: nil,
            "where viewers are: us (US/Mexico/Canada), eu (Europe/Israel), au (Australia/NZ), apac (Hong Kong/Philippines/"
                + "rest of Asia Pacific), japan, india, south_america, middle_east (South Africa/Kenya/Middle East)"),
        .number("data_out_gb", "GB", default: 0, "GB delivered to viewers per month"),
        .number("https_requests", "request", default: 0, "HTTPS requests per month"),
        .number("http_requests", "request", default: 0, "HTTP requests per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let area = p.text("area")
        return [
            PriceComponent("data out", key: "cloudfront.data_out.\(area)", quantity: p.number("data_out_gb")),
            PriceComponent("HTTPS requests", key: "cloudfront.requests.https.\(area)", quantity: p.number("https_requests")),
            PriceComponent("HTTP requests", key: "cloudfront.requests.http.\(area)", quantity: p.number("http_requests")),
        ]
    }

    public let example = RuleExample(
        ["area": "au", "data_out_gb": "50", "https_requests": "1000000"], region: "ap-southeast-2",
        monthly: "6.95", seed: "seed 001: 'CloudFront optimizations ... Cost: +$5-10/month (data transfer)'")
}
