import CostModel

/// A provisioned Aurora cluster (PostgreSQL or MySQL): writer and reader instances of one class,
/// cluster storage, I/O requests (Aurora Standard only) and backup storage beyond the free
/// allowance. Aurora Serverless v2 capacity is the `aurora_serverless_v2` type.
public struct AuroraCluster: ServiceRule {
    public let type = "aurora"
    public let summary = "Aurora provisioned cluster (Standard or I/O-Optimized): instances, storage, I/O, backups"
    public let parameters: [ParameterSpec] = [
        ParameterSpec(
            "instance_class", .text(choices: nil), default: nil, "e.g. db.r6g.large (db.serverless is aurora_serverless_v2)"),
        ParameterSpec(
            "engine", .text(choices: ["postgres", "mysql"]), default: .text("postgres"), "Aurora PostgreSQL or Aurora MySQL"),
        .number("instances", "count", default: 1, "writer plus reader instances (Aurora replicas), each of instance_class"),
        ParameterSpec(
            "storage_config", .text(choices: ["standard", "io_optimized"]), default: .text("standard"),
            "Aurora Standard (I/O billed per request) or Aurora I/O-Optimized (higher instance and storage prices, no I/O charge)"
        ),
        .number("storage_gb", "GB", default: 10, "cluster storage (billed once for the cluster, not per instance)"),
        .number("io_requests", "IO", default: 0, "I/O requests per month (Aurora Standard)"),
        .number("backup_gb", "GB", default: 0, "backup storage beyond the free allowance (= cluster storage)"),
        .hoursPerDay,
        Commitment.parameter(savingsPlan: false),
    ]

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        var problems: [(param: String, message: String)] = []
        if p.text("instance_class") == "db.serverless" {
            problems.append(("instance_class", "db.serverless instances are priced by the aurora_serverless_v2 type (ACU-hours)"))
        }
        if p.text("storage_config") == "io_optimized" && p.number("io_requests") != .zero {
            problems.append(("io_requests", "Aurora I/O-Optimized has no charge per I/O request: leave io_requests at 0"))
        }
        // AWS Aurora User Guide, Aurora DB clusters: one writer and up to 15 Aurora Replicas.
        if p.number("instances") < Quantity(1) || Quantity(16) < p.number("instances") {
            problems.append(
                (
                    "instances",
                    "an Aurora cluster has 1 to 16 instances (a writer and up to 15 Aurora Replicas; AWS Aurora User Guide)"
                ))
        }
        return problems
    }

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let optimized = p.text("storage_config") == "io_optimized"
        let key = "aurora.\(p.text("engine")).\(p.text("instance_class"))" + (optimized ? ".io_optimized" : "")
        let instances =
            Commitment(p.text("purchase")).map {
                $0.components(
                    "instance hours", onDemandKey: key, count: p.number("instances"), hoursPerMonth: p.hoursPerMonth,
                    runningHours: p.hours)
            } ?? [PriceComponent("instance hours", key: key, quantity: p.number("instances") * p.hours)]
        return instances + [
            PriceComponent(
                "storage", key: optimized ? "aurora.storage.io_optimized" : "aurora.storage", quantity: p.number("storage_gb")),
            PriceComponent("I/O requests", key: "aurora.io", quantity: optimized ? .zero : p.number("io_requests")),
            PriceComponent("backup storage", key: "aurora.backup.storage", quantity: p.number("backup_gb")),
        ]
    }

    public let example = RuleExample(
        [
            "engine": "mysql", "instance_class": "db.t3.medium", "instances": "2", "storage_gb": "100",
            "io_requests": "50000000",
        ],
        region: "us-east-1", monthly: "139.72",
        seed:
            "AWS pricing page via infracost golden rds_cluster_instance_test.golden@95ba4f49 ('Database instance (on-demand, db.t3.medium) 730 hours $59.86', aurora-mysql, us-east-1) and rds_cluster_test.golden ('Storage $0.10 per GB', 'I/O requests $0.20 per 1M requests'): 2 x $59.86 + 100 GB x $0.10 + 50M I/O x $0.0000002 = $139.72, ours the same"
    )
}
