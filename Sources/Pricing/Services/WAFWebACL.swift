import CostModel

/// AWS WAF: web ACLs, rules (each managed rule group counts as one) and requests.
public struct WAFWebACL: ServiceRule {
    public let type = "waf"
    public let summary = "AWS WAF: web ACLs, rules or managed rule groups, requests inspected"
    public let parameters: [ParameterSpec] = [
        .number("web_acls", "count", default: 1, "web ACLs"),
        .number("rules", "count", default: 0, "rules and managed rule groups, all ACLs together"),
        .number("requests", "request", default: 0, "web requests inspected per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("web ACLs", key: "waf.web_acl", quantity: p.number("web_acls")),
            PriceComponent("rules and rule groups", key: "waf.rule", quantity: p.number("rules")),
            PriceComponent("requests", key: "waf.requests", quantity: p.number("requests")),
        ]
    }

    public let example = RuleExample(
        ["rules": "3", "requests": "5000000"], region: "eu-central-1", monthly: "11.00",
        seed: "seed 000: web ACL $5 + 3 managed groups $3 + 5M requests $3: 'Minimum WAF setup: ~$11/month'")
}
