import CostModel

/// RDS PostgreSQL or MySQL: the instance (Single-AZ or Multi-AZ), its storage, backup storage beyond the
/// free allowance, read replicas and RDS Proxy.
public struct RDSInstance: ServiceRule {
    public let type = "rds_instance"
    public let summary = "RDS PostgreSQL/MySQL instance with storage, backups, read replicas and RDS Proxy"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("instance_class", .text(choices: nil), default: nil, "e.g. db.t4g.medium"),
        ParameterSpec("engine", .text(choices: ["postgres", "mysql"]), default: .text("postgres"), "database engine"),
        ParameterSpec("multi_az", .flag, default: .flag(false), "a standby in a second AZ (doubles instance and storage prices)"),
        .number("storage_gb", "GB", default: 20, "allocated storage"),
        ParameterSpec("storage_type", .text(choices: ["gp3", "gp2"]), default: .text("gp3"), "storage type"),
        .number("backup_gb", "GB", default: 0, "backup storage beyond the free allowance (= allocated storage)"),
        .number("read_replicas", "count", default: 0, "Single-AZ read replicas of the same class, each with its own storage"),
        ParameterSpec("proxy", .flag, default: .flag(false), "RDS Proxy in front of the instance"),
        .number(
            "vcpus", "count", default: 2, "vCPUs of the instance class (RDS Proxy bills per vCPU; t4g micro to medium have 2)"),
        .hoursPerDay,
        Commitment.parameter(savingsPlan: false),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let deployment = p.flag("multi_az") ? "multi_az" : "single_az"
        let cls = p.text("instance_class")
        let storage = p.text("storage_type")
        let replicas = p.number("read_replicas")
        let key = "rds.\(p.text("engine")).\(cls).\(deployment)"
        let name = p.flag("multi_az") ? "Multi-AZ instance hours" : "instance hours"
        let instance =
            Commitment(p.text("purchase")).map {
                $0.components(name, onDemandKey: key, count: Quantity(1), hoursPerMonth: p.hoursPerMonth, runningHours: p.hours)
            } ?? [PriceComponent(name, key: key, quantity: p.hours)]
        return instance + [
            PriceComponent("\(storage) storage", key: "rds.storage.\(storage).\(deployment)", quantity: p.number("storage_gb")),
            PriceComponent("backup storage", key: "rds.backup.storage", quantity: p.number("backup_gb")),
            PriceComponent("read replica hours", key: "rds.\(p.text("engine")).\(cls).single_az", quantity: replicas * p.hours),
            PriceComponent(
                "read replica \(storage) storage", key: "rds.storage.\(storage).single_az",
                quantity: replicas * p.number("storage_gb")),
            PriceComponent(
                "RDS Proxy vCPU hours", key: "rds.proxy.vcpu",
                quantity: p.flag("proxy") ? p.number("vcpus") * p.hours : .zero),
        ]
    }

    public let example = RuleExample(
        ["instance_class": "db.t4g.medium", "storage_gb": "30", "storage_type": "gp3"],
        region: "eu-central-1", monthly: "57.47",
        seed: "seed 002: 'db.t4g.medium, 30 GB gp3, Multi-AZ: No' (the seed gives no figure)")
}
