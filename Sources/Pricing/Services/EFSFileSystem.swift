import CostModel

/// An EFS file system: storage by class (Standard, Standard-IA, One Zone, One Zone-IA), data read
/// from and written to the IA classes, and provisioned throughput. Elastic throughput is not
/// modelled (no sourced price).
public struct EFSFileSystem: ServiceRule {
    public let type = "efs"
    public let summary = "EFS: storage by class (Regional or One Zone, Standard or IA), IA access, provisioned throughput"
    public let parameters: [ParameterSpec] = [
        ParameterSpec(
            "availability", .text(choices: ["regional", "one_zone"]), default: .text("regional"),
            "regional (Standard classes, several AZs) or one_zone"),
        .number("storage_gb", "GB", default: 0, "GB in the Standard (or One Zone) class, average over the month"),
        .number("ia_storage_gb", "GB", default: 0, "GB in the Infrequent Access class, average over the month"),
        .number("ia_read_gb", "GB", default: 0, "GB read from the IA class per month"),
        .number("ia_write_gb", "GB", default: 0, "GB written to the IA class per month (tiering into IA)"),
        .number(
            "provisioned_throughput_mbps", "MBps", default: 0,
            "provisioned throughput mode: MB/s provisioned; AWS bills only what exceeds the Bursting baseline of the "
                + "storage_gb class (50 KiB/s per GiB)"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let zone = p.text("availability") == "one_zone" ? "one_zone" : "standard"
        // AWS knowledge center, "efs-choosing-correct-throughput-mode": "The baseline performance
        // per GiB of file system storage is 50 KiB/s (the equivalent of 50 MiB/s per TiB)".
        let baseline = p.number("storage_gb") * Quantity(50) / Quantity(1024)
        return [
            PriceComponent("\(zone) storage", key: "efs.storage.\(zone)", quantity: p.number("storage_gb")),
            PriceComponent("\(zone) IA storage", key: "efs.storage.\(zone)_ia", quantity: p.number("ia_storage_gb")),
            PriceComponent("IA data read", key: "efs.ia.read", quantity: p.number("ia_read_gb")),
            PriceComponent("IA data written", key: "efs.ia.write", quantity: p.number("ia_write_gb")),
            PriceComponent(
                "provisioned throughput (MB/s-months)", key: "efs.throughput.provisioned",
                quantity: .max(.zero, p.number("provisioned_throughput_mbps") - baseline)),
        ]
    }

    public let example = RuleExample(
        ["storage_gb": "177.419355"], region: "us-east-1", monthly: "53.23",
        seed: "AWS pricing example: EFS pricing page storage example (100 GB for 15 days, 250 GB for the last 16 days of "
            + "a 744-hour March = 132,000 GB-hours / 744 = 177.419 GB-months, at $0.30): AWS gives $53.10 because it rounds "
            + "to 177 GB-months; ours is $53.23 = 177.419355 x 0.30 (exact average, no rounding)")
}
