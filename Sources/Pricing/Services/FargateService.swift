import CostModel

/// An ECS service on Fargate: tasks × (vCPU + memory) × hours, with a share on Fargate Spot and
/// autoscaling between a minimum and a maximum task count.
public struct FargateService: ServiceRule {
    public let type = "fargate_service"
    public let summary = "ECS on Fargate: tasks × vCPU and memory hours; Spot share; autoscaling min..max"
    public let parameters: [ParameterSpec] = [
        .number("tasks", "count", default: 1, "running tasks; a range min..max for autoscaling (expected: the midpoint)"),
        ParameterSpec("vcpu", .number(unit: "vCPU"), default: nil, "vCPU per task (0.25, 0.5, 1, 2, 4, ...)"),
        ParameterSpec("memory_gb", .number(unit: "GB-memory"), default: nil, "memory per task in GB"),
        ParameterSpec("arch", .text(choices: ["x86", "arm"]), default: .text("x86"), "CPU architecture (arm = Graviton)"),
        ParameterSpec(
            "spot_share", .number(unit: "fraction"), default: .number(Estimate(.zero)),
            "share of task hours on Fargate Spot, 0 to 1"),
        .hoursPerDay,
        Commitment.parameter(reserved: false),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let arch = p.text("arch")
        let taskHours = p.number("tasks") * p.hours
        let spot = p.number("spot_share")
        let onDemandHours = taskHours * (Quantity(1) - spot)
        let spotHours = taskHours - onDemandHours
        let plan = Commitment(p.text("purchase"))
        func usage(_ name: String, _ key: String, _ quantity: Quantity) -> PriceComponent {
            plan?.savingsPlanComponent(name, onDemandKey: key, quantity: quantity)
                ?? PriceComponent(name, key: key, quantity: quantity)
        }
        var out = [
            usage("vCPU hours", "fargate.linux.\(arch).vcpu", onDemandHours * p.number("vcpu")),
            usage("memory GB-hours", "fargate.linux.\(arch).memory", onDemandHours * p.number("memory_gb")),
        ]
        if spot > .zero {
            out.append(
                PriceComponent("Spot vCPU hours", key: "fargate.spot.linux.\(arch).vcpu", quantity: spotHours * p.number("vcpu")))
            out.append(
                PriceComponent(
                    "Spot memory GB-hours", key: "fargate.spot.linux.\(arch).memory",
                    quantity: spotHours * p.number("memory_gb")))
        }
        return out
    }

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        p.number("spot_share") > Quantity(1) ? [("spot_share", "spot_share is a fraction between 0 and 1 (0.7 = 70%)")] : []
    }

    public let example = RuleExample(
        ["vcpu": "0.25", "memory_gb": "0.5"], region: "ap-southeast-2", monthly: "10.80",
        seed: "seed 001: 'ECS Fargate (0.25 vCPU, 0.5 GB) - Single task' in the ~$45/month MVP")
}
