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
        var problems: [(param: String, message: String)] = []
        if p.number("spot_share") > Quantity(1) {
            problems.append(("spot_share", "spot_share is a fraction between 0 and 1 (0.7 = 70%)"))
        }
        if let problem = Self.taskSizeProblem(vcpu: p.number("vcpu"), memoryGB: p.number("memory_gb")) {
            problems.append(problem)
        }
        return problems
    }

    /// The task sizes Fargate runs, per vCPU: the memory (GB) from, to and in steps of (AWS ECS
    /// Developer Guide, "Troubleshoot Amazon ECS task definition invalid CPU or memory errors",
    /// docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html; 0.25 vCPU takes
    /// 0.5, 1 or 2 GB).
    static let taskSizes: [(vcpu: Quantity, from: Int64, to: Int64, step: Int64)] = [
        (Quantity(millionths: 250_000), 1, 2, 1), (Quantity(millionths: 500_000), 1, 4, 1), (Quantity(1), 2, 8, 1),
        (Quantity(2), 4, 16, 1), (Quantity(4), 8, 30, 1), (Quantity(8), 16, 60, 4), (Quantity(16), 32, 120, 8),
    ]

    /// What AWS would refuse about a task of this size, naming the valid values (nil: it runs).
    static func taskSizeProblem(vcpu: Quantity, memoryGB: Quantity) -> (param: String, message: String)? {
        let source = "(AWS ECS task sizes for Fargate)"
        guard let size = taskSizes.first(where: { $0.vcpu == vcpu }) else {
            let valid = taskSizes.map(\.vcpu.description).joined(separator: ", ")
            return ("vcpu", "Fargate runs tasks of \(valid) vCPU, not \(vcpu) \(source)")
        }
        var valid = Array(stride(from: Int(size.from), through: Int(size.to), by: Int(size.step))).map { Quantity(Int64($0)) }
        if size.vcpu == Quantity(millionths: 250_000) { valid.insert(Quantity(millionths: 500_000), at: 0) }
        if valid.contains(memoryGB) { return nil }
        let range =
            size.vcpu == Quantity(millionths: 250_000)
            ? "0.5, 1 or 2 GB" : "\(size.from) to \(size.to) GB in steps of \(size.step) GB"
        return ("memory_gb", "a Fargate task of \(vcpu) vCPU takes \(range), not \(memoryGB) GB \(source)")
    }

    public let example = RuleExample(
        ["vcpu": "0.25", "memory_gb": "0.5"], region: "ap-southeast-2", monthly: "10.80",
        seed: "seed 001: 'ECS Fargate (0.25 vCPU, 0.5 GB) - Single task' in the ~$45/month MVP")
}
