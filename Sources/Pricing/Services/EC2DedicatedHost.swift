import CostModel

/// EC2 Dedicated Hosts: a whole physical server of one instance family, on-demand, per host-hour.
public struct EC2DedicatedHost: ServiceRule {
    public let type = "ec2_dedicated_host"
    public let summary = "EC2 Dedicated Hosts (on-demand): host hours by instance family"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("host_family", .text(choices: nil), default: nil, "instance family of the host, e.g. c5, m5, mac1"),
        .count("number of hosts"),
        .hoursPerDay,
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent(
                "\(p.text("host_family")) host hours", key: "ec2.dedicated_host.\(p.text("host_family"))",
                quantity: p.number("count") * p.hours)
        ]
    }

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        let family = p.text("host_family")
        return family.contains(".")
            ? [
                (
                    "host_family",
                    "'\(family)' is an instance type: a Dedicated Host is priced by family ('\(family.prefix { $0 != "." })')"
                )
            ]
            : []
    }

    public let example = RuleExample(
        ["host_family": "c5"], region: "us-east-1", monthly: "2457.18",
        seed: "AWS pricing page via infracost golden ec2_host_test: 'EC2 Dedicated Host (on-demand, c5) 730 hours $2,457.18'"
            + " (us-east-1); ours: 730 h × 3.366 = $2,457.18")
}
