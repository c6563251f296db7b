import CostModel

/// AWS Private CA (ACM PCA): a monthly fee per certificate authority plus certificates issued.
public struct ACMPrivateCA: ServiceRule {
    public let type = "acm_private_ca"
    public let summary = "AWS Private CA: CAs per month and certificates issued (general-purpose tiers, or short-lived mode)"
    public let parameters: [ParameterSpec] = [
        ParameterSpec(
            "mode", .text(choices: ["general_purpose", "short_lived"]), default: .text("general_purpose"),
            "CA mode: general-purpose certificates, or short-lived certificates (7 days or less)"),
        .count("number of certificate authorities"),
        .number("certificates", "request", default: 0, "certificates issued per month, all CAs of the region together"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let shortLived = p.text("mode") == "short_lived"
        return [
            PriceComponent(
                "private CAs", key: shortLived ? "acm.pca.short_lived" : "acm.pca.general_purpose", quantity: p.number("count")),
            PriceComponent(
                "certificates issued", key: shortLived ? "acm.pca.certificates.short_lived" : "acm.pca.certificates",
                quantity: p.number("certificates")),
        ]
    }

    public let example = RuleExample(
        ["certificates": "20001"], region: "us-east-1", monthly: "4310.00",
        seed: "AWS pricing page via infracost golden acmpca_certificate_authority_test: 'Private certificate authority $400.00',"
            + " certificates 'first 1K $750.00', 'next 9K $3,150.00', 'over 10K $10.00' (us-east-1); ours: 400 + 1000 × 0.75"
            + " + 9000 × 0.35 + 10001 × 0.001 = $4,310.00 (infracost's lines sum to $4,310.00)")
}
