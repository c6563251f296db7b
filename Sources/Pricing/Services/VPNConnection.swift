import CostModel

/// Site-to-Site VPN connections: hours per connection.
public struct VPNConnection: ServiceRule {
    public let type = "vpn_connection"
    public let summary = "Site-to-Site VPN: connection hours (data out is data_transfer)"
    public let parameters: [ParameterSpec] = [
        .count("number of VPN connections"),
        .hoursPerDay,
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("connection hours", key: "vpc.vpn_connection", quantity: p.number("count") * p.hours)]
    }

    public let example = RuleExample(
        [:], region: "us-east-1", monthly: "36.50",
        seed: "AWS pricing page via infracost golden vpn_connection_test: 'VPN connection 730 hours $36.50' (us-east-1)")
}
