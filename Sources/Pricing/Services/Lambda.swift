import CostModel

/// AWS Lambda functions: requests, compute duration (GB-seconds, tiered) by architecture,
/// ephemeral storage above the free 512 MB, provisioned concurrency and the duration of the
/// invocations it serves. The account-wide free tier is not subtracted here.
public struct Lambda: ServiceRule {
    public let type = "lambda"
    public let summary = "Lambda: requests, GB-seconds (x86 or arm, tiered), ephemeral storage, provisioned concurrency"
    public let parameters: [ParameterSpec] = [
        .number("requests", "request", default: 0, "invocations per month, all functions of this line together"),
        .number("duration_ms", "ms", default: nil, "average duration of one invocation (AWS rounds each up to 1 ms)"),
        .number("memory_mb", "MB", default: 128, "memory of each function, 128 to 10,240 MB in 1 MB steps"),
        ParameterSpec("arch", .text(choices: ["x86", "arm"]), default: .text("x86"), "x86 (x86_64) or arm (arm64, Graviton)"),
        .number("ephemeral_storage_mb", "MB", default: 512, "/tmp storage, 512 to 10,240 MB; above 512 MB is charged"),
        .number("provisioned_concurrency", "count", default: 0, "concurrent executions kept initialized"),
        ParameterSpec(
            "provisioned_hours", .number(unit: "hour"), default: nil, optional: true,
            "hours a month provisioned concurrency is enabled (default: the whole month)"),
        ParameterSpec(
            "provisioned_share", .number(unit: "fraction"), default: .number(Estimate(Quantity(1))),
            "share of invocations served by provisioned concurrency when there is some (the rest spill over)"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let arch = p.text("arch")
        let requests = p.number("requests")
        let seconds = p.number("duration_ms") / Quantity(1000)
        let memory = p.number("memory_mb")
        let concurrency = p.number("provisioned_concurrency")
        let onProvisioned = concurrency > .zero ? requests * p.number("provisioned_share") : .zero
        let extraStorage = Quantity.max(p.number("ephemeral_storage_mb") - Quantity(512), .zero)
        let provisionedSeconds = (p.numbers["provisioned_hours"] ?? p.hoursPerMonth) * Quantity(3600)
        return [
            PriceComponent("requests", key: "lambda.requests.\(arch)", quantity: requests),
            PriceComponent(
                "duration GB-seconds", key: "lambda.duration.\(arch)",
                quantity: gigabyteSeconds(requests - onProvisioned, seconds: seconds, mb: memory)),
            PriceComponent(
                "duration on provisioned concurrency", key: "lambda.provisioned_duration.\(arch)",
                quantity: gigabyteSeconds(onProvisioned, seconds: seconds, mb: memory)),
            PriceComponent(
                "ephemeral storage above 512 MB", key: "lambda.ephemeral_storage.\(arch)",
                quantity: gigabyteSeconds(requests, seconds: seconds, mb: extraStorage)),
            PriceComponent(
                "provisioned concurrency", key: "lambda.provisioned_concurrency.\(arch)",
                quantity: gigabyteSeconds(concurrency, seconds: provisionedSeconds, mb: memory)),
        ]
    }

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        var problems: [(param: String, message: String)] = []
        let doc = "(AWS Lambda developer guide, 'Configure Lambda function memory' and 'ephemeral storage')"
        for (name, low) in [("memory_mb", 128), ("ephemeral_storage_mb", 512)] {
            let v = p.number(name)
            if v < Quantity(Int64(low)) || Quantity(10240) < v || v.millionths % Quantity.one != 0 {
                problems.append((name, "\(name) \(v) is not allowed: a whole number of MB from \(low) to 10240 \(doc)"))
            }
        }
        if Quantity(1) < p.number("provisioned_share") {
            problems.append(("provisioned_share", "provisioned_share is a fraction between 0 and 1 (0.8 = 80%)"))
        }
        return problems
    }

    public let example = RuleExample(
        ["requests": "3000000", "duration_ms": "1000", "memory_mb": "512"], region: "us-east-1", monthly: "25.60",
        seed: "AWS pricing example: Lambda pricing page 'Example 1' (US East (N. Virginia), 512 MB, 3M invocations of 1 s): "
            + "AWS gives $18.74 = $18.34 compute (1,500,000 GB-s less the 400,000 GB-s free tier, x $0.00001667) + "
            + "$0.40 requests (3M less 1M free, x $0.20 per 1M); ours is $25.60 = 1,500,000 GB-s x 0.0000166667 "
            + "($25.00005) + 3M x 0.0000002 ($0.60): the free tier is not applied per resource (account-wide), "
            + "and AWS's rounded rate 0.00001667 gives $18.34 where 0.0000166667 gives $18.33")
}

/// Memory (or storage) in MB held for `seconds`, `count` times, in GB-seconds (1 GB = 1024 MB),
/// rounded once; when the exact product would overflow, the GB are rounded first.
func gigabyteSeconds(_ count: Quantity, seconds: Quantity, mb: Quantity) -> Quantity {
    let exact = count * seconds * mb / Quantity(1024)
    return exact.isOverflow ? count * seconds * (mb / Quantity(1024)) : exact
}
