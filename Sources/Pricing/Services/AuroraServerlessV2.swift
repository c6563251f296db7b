import CostModel

/// Aurora PostgreSQL Serverless v2, Aurora Standard or I/O-Optimized storage configuration:
/// ACU-hours, storage, I/O (Standard only).
public struct AuroraServerlessV2: ServiceRule {
    public let type = "aurora_serverless_v2"
    public let summary = "Aurora Serverless v2 (Standard or I/O-Optimized): average ACUs, storage and I/O requests"
    public let parameters: [ParameterSpec] = [
        ParameterSpec(
            "acu", .number(unit: "ACU"), default: .number(Estimate(Quantity(millionths: 500_000))),
            "average Aurora capacity units over the month (minimum 0.5, or 0 with auto-pause)"),
        .number("instances", "count", default: 1, "writer plus reader instances, each at the average ACU"),
        .number("storage_gb", "GB", default: 10, "cluster storage"),
        .number("io_requests", "IO", default: 0, "I/O requests per month (Aurora Standard; included with I/O-Optimized)"),
        ParameterSpec(
            "storage_config", .text(choices: ["standard", "io_optimized"]), default: .text("standard"),
            "Aurora Standard (I/O billed per request) or Aurora I/O-Optimized (higher ACU and storage prices, no I/O charge)"),
        .hoursPerDay,
    ]

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        p.text("storage_config") == "io_optimized" && p.number("io_requests") != .zero
            ? [("io_requests", "Aurora I/O-Optimized has no charge per I/O request: leave io_requests at 0")] : []
    }

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let optimized = p.text("storage_config") == "io_optimized"
        return [
            PriceComponent(
                "ACU hours", key: optimized ? "aurora.serverless_v2.acu.io_optimized" : "aurora.serverless_v2.acu",
                quantity: p.number("instances") * p.number("acu") * p.hours),
            PriceComponent(
                "storage", key: optimized ? "aurora.storage.io_optimized" : "aurora.storage", quantity: p.number("storage_gb")),
            PriceComponent("I/O requests", key: "aurora.io", quantity: optimized ? .zero : p.number("io_requests")),
        ]
    }

    public let example = RuleExample(
        ["acu": "0.5..1", "storage_gb": "20", "io_requests": "20000000"],
        region: "us-east-1", monthly: "71.70",
        seed: "seed 003: 'RDS Aurora Serverless v2: ~$50-100 (depending on usage)'")
}
