import CostModel

/// An Amazon OpenSearch Service domain: data nodes, dedicated master nodes, UltraWarm nodes and
/// the data nodes' EBS storage (gp3 with throughput above the baseline, or gp2).
public struct OpenSearchDomain: ServiceRule {
    public let type = "opensearch"
    public let summary = "OpenSearch Service domain: data, dedicated master and UltraWarm instances, EBS storage"
    public let parameters: [ParameterSpec] = [
        ParameterSpec("instance_type", .text(choices: nil), default: nil, "data node type, e.g. m6g.large.search"),
        .number("instances", "count", default: 1, "data nodes"),
        ParameterSpec(
            "master_type", .text(choices: nil), default: nil, optional: true, "dedicated master node type (none if not set)"),
        .number("masters", "count", default: 3, "dedicated master nodes (3 or 5) when master_type is set"),
        ParameterSpec(
            "warm_type", .text(choices: nil), default: nil, optional: true, "UltraWarm node type, e.g. ultrawarm1.medium.search"),
        .number("warm_instances", "count", default: 0, "UltraWarm nodes"),
        ParameterSpec(
            "storage_type", .text(choices: ["gp3", "gp2"]), default: .text("gp3"), "EBS volume type of the data nodes"),
        .number("storage_gb", "GB", default: 10, "EBS volume size of each data node"),
        .number(
            "throughput_mibps", "count", default: 0,
            "gp3: provisioned throughput of each data node in MiB/s (the baseline is included: 125 up to 170 GB, then 250 per 3 TB, up to 1,000)"
        ),
        .hoursPerDay,
    ]

    /// gp3 throughput included with a volume (as infracost's search_domain.go computes it from the
    /// OpenSearch Service pricing page): 125 MiB/s up to 170 GB, then 250 MiB/s for every started
    /// 3 TB (3,000 GB), at most 1,000.
    static func includedThroughput(_ gb: Quantity) -> Quantity {
        if !(Quantity(170) < gb) || gb.isOverflow { return Quantity(125) }
        let per = 3_000 * Quantity.one
        let steps = (gb.millionths + per - 1) / per
        return Quantity.min(Quantity(1_000), Quantity(steps) * Quantity(250))
    }

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        var problems: [(param: String, message: String)] = []
        if p.text("storage_type") != "gp3" && p.number("throughput_mibps") != .zero {
            problems.append(("throughput_mibps", "throughput is provisioned on gp3 volumes only"))
        }
        if p.texts["master_type"] != nil, p.number("masters") != Quantity(3), p.number("masters") != Quantity(5) {
            // AWS OpenSearch Service Developer Guide, dedicated master nodes: three or five.
            problems.append(("masters", "a domain has 3 or 5 dedicated master nodes (AWS OpenSearch Service Developer Guide)"))
        }
        if p.texts["warm_type"] == nil && p.number("warm_instances") != .zero {
            problems.append(("warm_instances", "UltraWarm nodes need a warm_type"))
        }
        return problems
    }

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let gb = p.number("storage_gb")
        let paidThroughput = Quantity.max(.zero, p.number("throughput_mibps") - Self.includedThroughput(gb))
        var lines = [
            PriceComponent(
                "data node hours", key: "opensearch.\(p.text("instance_type"))", quantity: p.number("instances") * p.hours)
        ]
        if p.texts["master_type"] != nil {
            lines.append(
                PriceComponent(
                    "dedicated master hours", key: "opensearch.\(p.text("master_type"))", quantity: p.number("masters") * p.hours)
            )
        }
        if p.texts["warm_type"] != nil {
            lines.append(
                PriceComponent(
                    "UltraWarm node hours", key: "opensearch.\(p.text("warm_type"))",
                    quantity: p.number("warm_instances") * p.hours))
        }
        let storage = p.text("storage_type")
        lines += [
            PriceComponent("\(storage) storage", key: "opensearch.storage.\(storage)", quantity: p.number("instances") * gb),
            PriceComponent(
                "gp3 throughput above baseline (MiB/s-months)", key: "opensearch.storage.gp3.throughput",
                quantity: storage == "gp3" ? p.number("instances") * paidThroughput : .zero),
        ]
        return lines
    }

    public let example = RuleExample(
        ["instance_type": "c4.2xlarge.search", "instances": "3", "storage_type": "gp3", "storage_gb": "400"],
        region: "us-east-1", monthly: "1431.93",
        seed:
            "AWS pricing page via infracost golden opensearch_domain_test.golden@95ba4f49 ('Instance (on-demand, c4.2xlarge.search) 2,190 hours $1,285.53') and elasticsearch_domain_test.golden@95ba4f49 ('Storage (gp3) 400 GB $48.80'): instances the same as infracost, storage $146.40 here for 3 x 400 GB (infracost bills one volume, not one per data node)"
    )
}
