import CostModel

/// RDS PostgreSQL, MySQL or MariaDB: the instance (Single-AZ or Multi-AZ), its storage (gp3, gp2,
/// io1, io2, with provisioned IOPS), backup storage beyond the free allowance, read replicas, RDS
/// Proxy and Performance Insights paid retention.
public struct RDSInstance: ServiceRule {
    public let type = "rds_instance"
    public let summary = "RDS PostgreSQL/MySQL/MariaDB instance with storage, IOPS, backups, read replicas, RDS Proxy"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("instance_class", .text(choices: nil), default: nil, "e.g. db.t4g.medium"),
        ParameterSpec(
            "engine", .text(choices: ["postgres", "mysql", "mariadb"]), default: .text("postgres"), "database engine"),
        ParameterSpec("multi_az", .flag, default: .flag(false), "a standby in a second AZ (doubles instance and storage prices)"),
        .number("storage_gb", "GB", default: 20, "allocated storage"),
        ParameterSpec("storage_type", .text(choices: ["gp3", "gp2", "io1", "io2"]), default: .text("gp3"), "storage type"),
        .number(
            "iops", "count", default: 0,
            "provisioned IOPS: io1/io2 all of them (1,000-256,000); gp3 the total, of which the baseline (3,000 below 400 GB, 12,000 from 400 GB) is included"
        ),
        .number("backup_gb", "GB", default: 0, "backup storage beyond the free allowance (= allocated storage)"),
        .number("read_replicas", "count", default: 0, "Single-AZ read replicas of the same class, each with its own storage"),
        ParameterSpec("proxy", .flag, default: .flag(false), "RDS Proxy in front of the instance"),
        .number(
            "vcpus", "count", default: 2,
            "vCPUs of the instance class (RDS Proxy and Performance Insights bill per vCPU; t4g micro to medium have 2)"),
        ParameterSpec(
            "performance_insights", .flag, default: .flag(false),
            "Performance Insights paid retention (beyond the free 7 days), per vCPU of the instance and each replica"),
        .number("performance_insights_api_requests", "request", default: 0, "Performance Insights API requests per month"),
        .hoursPerDay,
        Commitment.parameter(savingsPlan: false),
    ]

    /// AWS RDS User Guide, "Amazon RDS DB instance storage" (CHAP_Storage), for MariaDB, MySQL and
    /// PostgreSQL: allocated storage in GiB, provisioned IOPS, IOPS per GiB.
    static let limits: [String: (storage: ClosedRange<Int64>, maxIOPSPerGB: Int64?)] = [
        "gp2": (20...65_536, nil), "gp3": (20...65_536, nil), "io1": (100...65_536, 50), "io2": (100...65_536, 1_000),
    ]
    static let limitsSource = "AWS RDS User Guide, Amazon RDS DB instance storage (MariaDB, MySQL, PostgreSQL)"

    /// IOPS included with gp3 storage: 3,000 below 400 GB, 12,000 from 400 GB.
    static func gp3Baseline(_ storage: Quantity) -> Quantity {
        storage < Quantity(400) ? Quantity(3_000) : Quantity(12_000)
    }

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        let type = p.text("storage_type")
        guard let limit = Self.limits[type] else { return [] }
        var problems: [(param: String, message: String)] = []
        let storage = p.number("storage_gb")
        let iops = p.number("iops")
        if storage < Quantity(limit.storage.lowerBound) || Quantity(limit.storage.upperBound) < storage {
            problems.append(
                (
                    "storage_gb",
                    "\(type) storage is \(limit.storage.lowerBound) to \(limit.storage.upperBound) GB, not \(storage) (\(Self.limitsSource))"
                ))
        }
        switch type {
        case "gp2":
            if iops != .zero {
                problems.append(("iops", "gp2 storage has no provisioned IOPS (use gp3, io1 or io2)"))
            }
        case "gp3":
            if Quantity(64_000) < iops {
                problems.append(("iops", "gp3 IOPS are at most 64,000, not \(iops) (\(Self.limitsSource))"))
            } else if storage < Quantity(400) && Quantity(3_000) < iops {
                problems.append(
                    (
                        "iops",
                        "gp3 IOPS can be provisioned only from 400 GB of storage; below that they are the baseline 3,000, not \(iops) (\(Self.limitsSource))"
                    ))
            }
        default:
            if iops < Quantity(1_000) || Quantity(256_000) < iops {
                problems.append(
                    (
                        "iops",
                        "\(type) storage needs 1,000 to 256,000 provisioned IOPS, not \(iops) (\(Self.limitsSource))"
                    ))
            } else if let ratio = limit.maxIOPSPerGB, Quantity(ratio) * storage < iops || iops * Quantity(2) < storage {
                problems.append(
                    (
                        "iops",
                        "\(type) allows 0.5 to \(ratio) IOPS per GB: \(iops) IOPS on \(storage) GB is outside (\(Self.limitsSource))"
                    ))
            }
        }
        return problems
    }

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
        // Billed IOPS: all of them for io1/io2, those above the included baseline for gp3.
        let iops =
            storage == "gp3"
            ? Quantity.max(.zero, p.number("iops") - Self.gp3Baseline(p.number("storage_gb"))) : p.number("iops")
        let family = cls.split(separator: ".").dropFirst().first.map(String.init) ?? cls
        let insights = p.flag("performance_insights") ? (Quantity(1) + replicas) * p.number("vcpus") : .zero
        return instance + [
            PriceComponent("\(storage) storage", key: "rds.storage.\(storage).\(deployment)", quantity: p.number("storage_gb")),
            PriceComponent("\(storage) provisioned IOPS", key: "rds.storage.\(storage).iops.\(deployment)", quantity: iops),
            PriceComponent("backup storage", key: "rds.backup.storage", quantity: p.number("backup_gb")),
            PriceComponent("read replica hours", key: "rds.\(p.text("engine")).\(cls).single_az", quantity: replicas * p.hours),
            PriceComponent(
                "read replica \(storage) storage", key: "rds.storage.\(storage).single_az",
                quantity: replicas * p.number("storage_gb")),
            PriceComponent(
                "read replica \(storage) provisioned IOPS", key: "rds.storage.\(storage).iops.single_az",
                quantity: replicas * iops),
            PriceComponent(
                "RDS Proxy vCPU hours", key: "rds.proxy.vcpu",
                quantity: p.flag("proxy") ? p.number("vcpus") * p.hours : .zero),
            PriceComponent(
                "Performance Insights paid retention (vCPU-months)", key: "rds.performance_insights.\(family)",
                quantity: insights),
            PriceComponent(
                "Performance Insights API requests", key: "rds.performance_insights.api",
                quantity: p.number("performance_insights_api_requests")),
        ]
    }

    public let example = RuleExample(
        ["instance_class": "db.t4g.medium", "storage_gb": "30", "storage_type": "gp3"],
        region: "eu-central-1", monthly: "57.47",
        seed: "seed 002: 'db.t4g.medium, 30 GB gp3, Multi-AZ: No' (the seed gives no figure)")
}
