import CostModel

/// ECR: image storage.
public struct ECRRepository: ServiceRule {
    public let type = "ecr"
    public let summary = "ECR: image storage (images kept × image size)"
    public let parameters: [ParameterSpec] = [
        .number("images", "count", default: 1, "images kept (the retention policy)"),
        ParameterSpec("image_gb", .number(unit: "GB"), default: nil, "compressed size of one image"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("image storage", key: "ecr.storage", quantity: p.number("images") * p.number("image_gb"))]
    }

    public let example = RuleExample(
        ["images": "5", "image_gb": "2"], region: "eu-central-1", monthly: "1.00",
        seed: "seed 000: 'ECR retention 10 images +$1.00' (5 more images of about 2 GB)")
}
