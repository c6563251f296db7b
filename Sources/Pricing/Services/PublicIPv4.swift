import CostModel

/// Public IPv4 addresses (in use or idle: AWS charges both since February 2024).
public struct PublicIPv4: ServiceRule {
    public let type = "public_ipv4"
    public let summary = "public IPv4 addresses"
    public let parameters: [ParameterSpec] = [.count("number of addresses"), .hoursPerDay]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("address hours", key: "vpc.public_ipv4.in_use", quantity: p.number("count") * p.hours)]
    }

    public let example = RuleExample(
        [:], region: "eu-central-1", monthly: "3.65",
        seed: "seed 000: EC2 in a public subnet has a public IP (the seed does not price it)")
}
