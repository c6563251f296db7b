import CostModel

/// Any product of an imported AWS Price List as a line: the offer code, the usage type (with or
/// without its region prefix) and attribute filters pick one product of the region; the quantity
/// is in the product's own unit. Makes every AWS service plannable once its price list is in the
/// catalog (`catalog update --service OFFER`).
public struct AWSUsage: ServiceRule {
    public let type = "aws_usage"
    public let summary = "any AWS Price List product: offer code, usage type (and match), quantity per month"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("service", .text(choices: nil), default: nil, "AWS offer code, e.g. AWSLambda, AmazonDynamoDB"),
        ParameterSpec(
            "usage_type", .text(choices: nil), default: nil, optional: true,
            "Price List usage type, with or without the region prefix (EUW2-Request or Request)"),
        ParameterSpec(
            "match", .text(choices: nil), default: nil, optional: true,
            "attribute filters that pick one product: 'Column Name=Value; Other=Value' (Price List header names)"),
        ParameterSpec("quantity", .number(unit: "any"), default: nil, "quantity per month, in the product's unit (any unit)"),
        ParameterSpec(
            "unit", .text(choices: PriceSheets.units.subtracting(["term"]).sorted()), default: nil, optional: true,
            "the unit the quantity is in; checked against the product's (default: the product's unit)"),
        ParameterSpec(
            "name", .text(choices: nil), default: nil, optional: true, "what to call the line (default: the usage type)"),
    ]

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        var problems: [(param: String, message: String)] = []
        if p.text("usage_type").isEmpty && p.text("match").isEmpty {
            problems.append(("service", "aws_usage needs a usage_type, a match, or both, to pick one product"))
        }
        let match = p.text("match")
        if !match.isEmpty, match.split(separator: ";").contains(where: { !$0.contains("=") }) {
            problems.append(("match", "'\(match)' must be 'Column Name=Value' pairs separated by ';'"))
        }
        for text in [p.text("service"), p.text("usage_type"), match] where text.contains("|") {
            problems.append(("service", "'|' cannot appear in service, usage_type or match"))
        }
        return problems
    }

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let usage = PriceListImporter.baseUsageType(p.text("usage_type"), region: p.region)
        let match = KeyRegistry.parseMatch(p.text("match")).map {
            "\($0.name.trimmingSpaces)=\($0.value.trimmingSpaces)"
        }.joined(separator: ";")
        let key = KeyRegistry.usageKey(service: p.text("service"), usageType: usage, match: match, unit: p.text("unit"))
        let name = p.texts["name"] ?? (usage.isEmpty ? match : usage)
        return [PriceComponent(name, key: key, quantity: p.number("quantity"))]
    }

    public let example = RuleExample(
        ["service": "AWSLambda", "usage_type": "Lambda-Edge-Request", "quantity": "5000000"], region: "eu-west-2",
        monthly: "3.00",
        seed: "seed 001: 'Lambda@Edge for dynamic content' (5M requests at the genuine eu-west-2 price, $0.0000006 each)",
        priceLists: ["AWSLambda-eu-west-2.csv"])
}
