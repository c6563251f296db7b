import CostModel

/// A Kinesis data stream, provisioned (shard-hours and 25 KB PUT payload units) or on-demand
/// (stream-hours, GB written and read), with extended (up to 7 days) and long-term retention.
public struct KinesisStream: ServiceRule {
    public let type = "kinesis_stream"
    public let summary = "Kinesis Data Streams: provisioned shards and PUT payload units, or on-demand GB in and out; retention"
    public let parameters: [ParameterSpec] = [
        ParameterSpec(
            "mode", .text(choices: ["provisioned", "on_demand"]), default: .text("provisioned"), "capacity mode of the stream"),
        .number("shards", "count", default: 1, "provisioned: open shards"),
        .number(
            "put_payload_units", "request", default: 0,
            "provisioned: PUT payload units per month (each record counts 25 KB chunks, a 45 KB record is 2 units)"),
        .number("ingested_gb", "GB", default: 0, "on-demand: GB written (each record rounded up to 1 KB)"),
        .number("retrieved_gb", "GB", default: 0, "on-demand: GB read by shared-throughput consumers"),
        ParameterSpec(
            "extended_retention", .flag, default: .flag(false),
            "provisioned: retention beyond 24 hours up to 7 days, billed per shard-hour"),
        .number("extended_retention_gb", "GB", default: 0, "on-demand: average GB held between 24 hours and 7 days"),
        .number("long_term_retention_gb", "GB", default: 0, "provisioned: average GB held beyond 7 days"),
        .hoursPerDay,
    ]

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        let onDemand = p.text("mode") == "on_demand"
        let others =
            onDemand
            ? ["put_payload_units", "long_term_retention_gb"] : ["ingested_gb", "retrieved_gb", "extended_retention_gb"]
        var problems: [(param: String, message: String)] = others.filter { p.number($0) != .zero }.map {
            ($0, "\($0) is not billed in \(p.text("mode")) mode")
        }
        if onDemand && p.flag("extended_retention") {
            problems.append(
                ("extended_retention", "on-demand streams bill extended retention per GB: give extended_retention_gb"))
        }
        return problems
    }

    public func components(_ p: RuleInput) -> [PriceComponent] {
        if p.text("mode") == "on_demand" {
            return [
                PriceComponent("on-demand stream hours", key: "kinesis.on_demand.stream_hour", quantity: p.hours),
                PriceComponent("data ingested", key: "kinesis.on_demand.ingested", quantity: p.number("ingested_gb")),
                PriceComponent("data retrieved", key: "kinesis.on_demand.retrieved", quantity: p.number("retrieved_gb")),
                PriceComponent(
                    "extended retention", key: "kinesis.on_demand.extended_retention",
                    quantity: p.number("extended_retention_gb")),
            ]
        }
        let shardHours = p.number("shards") * p.hours
        return [
            PriceComponent("shard hours", key: "kinesis.shard_hour", quantity: shardHours),
            PriceComponent("PUT payload units", key: "kinesis.put_payload_unit", quantity: p.number("put_payload_units")),
            PriceComponent(
                "extended retention shard hours", key: "kinesis.extended_retention.shard_hour",
                quantity: p.flag("extended_retention") ? shardHours : .zero),
            PriceComponent(
                "long-term retention", key: "kinesis.long_term_retention", quantity: p.number("long_term_retention_gb")),
        ]
    }

    public let example = RuleExample(
        ["shards": "4", "put_payload_units": "6500000", "long_term_retention_gb": "100"],
        region: "us-east-1", monthly: "46.19",
        seed:
            "AWS pricing page via infracost golden kinesis_stream_test.golden@95ba4f49 (test_stream_provisioned_with_usage: 'PROVISIONED 2,920 hours $43.80', 6.5M 'Put request unit' $0.09, 100 GB 'Long term retention (7D+)' $2.30): ours $43.80 + $0.09 + $2.30 = $46.19, the same"
    )
}
