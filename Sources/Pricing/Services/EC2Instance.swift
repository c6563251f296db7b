import CostModel

/// An EC2 instance (Linux, shared tenancy, on-demand) with optional EBS storage and public IPv4.
public struct EC2Instance: ServiceRule {
    public let type = "ec2_instance"
    public let summary = "EC2 instances (Linux, on-demand), with their EBS gp3 volume and public IPv4 addresses"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("instance_type", .text(choices: nil), default: nil, "instance type, e.g. t4g.medium"),
        .count("number of instances"),
        .hoursPerDay,
        ParameterSpec(
            "hours", .number(unit: "hour"), default: nil, optional: true,
            "hours each instance runs per month, for workers that scale to zero (overrides hours_per_day)"),
        .number("ebs_gb", "GB", default: 0, "gp3 EBS storage per instance"),
        .number("public_ipv4", "count", default: 0, "public IPv4 addresses per instance (charged since Feb 2024)"),
        Commitment.parameter(),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let n = p.number("count")
        let hours = p.numbers["hours"] ?? p.hours
        let key = "ec2.instance.\(p.text("instance_type")).linux"
        let instance =
            Commitment(p.text("purchase")).map {
                $0.components("instance hours", onDemandKey: key, count: n, hoursPerMonth: p.hoursPerMonth, runningHours: hours)
            }
            ?? [PriceComponent("instance hours", key: key, quantity: n * hours)]
        return instance + [
            PriceComponent("EBS gp3 storage", key: "ebs.gp3.storage", quantity: n * p.number("ebs_gb")),
            PriceComponent(
                "public IPv4 address hours", key: "vpc.public_ipv4.in_use", quantity: n * p.number("public_ipv4") * hours),
        ]
    }

    public let example = RuleExample(
        ["instance_type": "t4g.medium"], region: "eu-central-1", monthly: "28.03",
        seed: "seed 000: 'Current Cost: ~$30/month (1x t4g.medium)'")
}
