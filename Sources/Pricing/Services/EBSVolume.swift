import CostModel

/// Standalone EBS volumes: storage by volume type, provisioned IOPS (io1, io2, gp3 above its
/// 3,000 baseline) and gp3 throughput above its 125 MiB/s baseline.
public struct EBSVolume: ServiceRule {
    public let type = "ebs_volume"
    public let summary = "EBS volumes (gp3, gp2, io1, io2, st1, sc1): storage, provisioned IOPS and gp3 throughput"
    public let parameters: [ParameterSpec] = [
        .count("number of volumes"),
        .number("size_gb", "GB", default: nil, "size of each volume"),
        ParameterSpec(
            "volume_type", .text(choices: ["gp3", "gp2", "io1", "io2", "st1", "sc1"]), default: .text("gp3"), "EBS volume type"),
        ParameterSpec(
            "iops", .number(unit: "IOPS"), default: nil, optional: true,
            "provisioned IOPS per volume: required for io1/io2; gp3 includes 3,000 and charges the rest"),
        ParameterSpec(
            "throughput", .number(unit: "MiB/s"), default: nil, optional: true,
            "gp3 throughput per volume in MiB/s; 125 included, the rest charged"),
    ]

    /// AWS's limits per volume type: size in GiB, IOPS, and IOPS per GiB (EC2 API Reference,
    /// CreateVolume `Size` and `Iops`; gp3 raised to 64 TiB / 80,000 IOPS / 2,000 MiB/s in 2025).
    static let limits: [String: (size: ClosedRange<Int64>, iops: ClosedRange<Int64>?, iopsPerGiB: Int64?)] = [
        "gp3": (1...65_536, 3_000...80_000, 500), "gp2": (1...16_384, nil, nil),
        "io1": (4...16_384, 100...64_000, 50), "io2": (4...65_536, 100...256_000, 1_000),
        "st1": (125...16_384, nil, nil), "sc1": (125...16_384, nil, nil),
    ]
    static let source = "AWS EC2 API Reference, CreateVolume"

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let volumeType = p.text("volume_type")
        let n = p.number("count")
        var out = [PriceComponent("\(volumeType) storage", key: "ebs.\(volumeType).storage", quantity: n * p.number("size_gb"))]
        let iops = p.number("iops")
        switch volumeType {
        case "io1", "io2":
            out.append(PriceComponent("\(volumeType) provisioned IOPS", key: "ebs.\(volumeType).iops", quantity: n * iops))
        case "gp3":
            let extraIOPS = Quantity.max(iops - Quantity(3_000), .zero)
            let extraThroughput = Quantity.max(p.number("throughput") - Quantity(125), .zero)
            out.append(PriceComponent("gp3 IOPS above 3,000", key: "ebs.gp3.iops", quantity: n * extraIOPS))
            out.append(PriceComponent("gp3 throughput above 125 MiB/s", key: "ebs.gp3.throughput", quantity: n * extraThroughput))
        default: break
        }
        return out
    }

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        let volumeType = p.text("volume_type")
        guard let limit = Self.limits[volumeType] else { return [] }
        var problems: [(param: String, message: String)] = []
        let size = p.number("size_gb")
        let iops = p.number("iops")
        let iopsSet = p.numbers["iops"] != nil
        if size < Quantity(limit.size.lowerBound) || size > Quantity(limit.size.upperBound) {
            problems.append(
                ("size_gb", "\(volumeType) volumes are \(limit.size.lowerBound) to \(limit.size.upperBound) GiB (\(Self.source))")
            )
        }
        if let range = limit.iops, let perGiB = limit.iopsPerGiB {
            if volumeType != "gp3" && !iopsSet {
                problems.append(
                    (
                        "volume_type",
                        "\(volumeType) volumes need 'iops' (\(range.lowerBound) to \(range.upperBound), \(Self.source))"
                    ))
            } else if iopsSet && (iops < Quantity(range.lowerBound) || iops > Quantity(range.upperBound)) {
                problems.append(("iops", "\(volumeType) takes \(range.lowerBound) to \(range.upperBound) IOPS (\(Self.source))"))
            } else if iopsSet && iops > Quantity(range.lowerBound) && iops > size * Quantity(perGiB) {
                problems.append(("iops", "\(volumeType) takes at most \(perGiB) IOPS per GiB of size (\(Self.source))"))
            }
        } else if iopsSet {
            problems.append(("iops", "'iops' is provisioned only on gp3, io1 and io2 volumes, not \(volumeType)"))
        }
        if p.numbers["throughput"] != nil {
            let throughput = p.number("throughput")
            if volumeType != "gp3" {
                problems.append(("throughput", "'throughput' is provisioned only on gp3 volumes, not \(volumeType)"))
            } else if throughput < Quantity(125) || throughput > Quantity(2_000) {
                problems.append(("throughput", "gp3 takes 125 to 2,000 MiB/s (\(Self.source))"))
            } else if throughput > Quantity(125) && throughput * Quantity(4) > Quantity.max(iops, Quantity(3_000)) {
                problems.append(("throughput", "gp3 takes at most 0.25 MiB/s per provisioned IOPS (\(Self.source))"))
            }
        }
        return problems
    }

    public let example = RuleExample(
        ["size_gb": "30"], region: "eu-central-1", monthly: "2.86",
        seed: "seed 002: a 30 GB volume in eu-central-1 (the seed does not price EBS)")
}
