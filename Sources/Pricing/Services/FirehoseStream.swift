import CostModel

/// An Amazon Data Firehose stream: ingestion (tiered per account-month, records rounded up to
/// 5 KB), format conversion, and delivery into a VPC (per AZ-hour and per GB).
public struct FirehoseStream: ServiceRule {
    public let type = "firehose"
    public let summary = "Amazon Data Firehose: GB ingested (tiered), format conversion, VPC delivery"
    public let parameters: [ParameterSpec] = [
        .number(
            "ingested_gb", "GB", default: 0,
            "GB ingested per month, each record rounded up to 5 KB (Direct PUT or Kinesis Data Streams source)"),
        .number("converted_gb", "GB", default: 0, "GB converted from JSON to Parquet or ORC per month"),
        .number("vpc_azs", "count", default: 0, "AZs of a destination in a VPC (0: not delivered into a VPC)"),
        .number("vpc_gb", "GB", default: 0, "GB delivered into the VPC per month"),
        .hoursPerDay,
    ]

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        p.number("vpc_azs") == .zero && p.number("vpc_gb") != .zero
            ? [("vpc_gb", "vpc_gb needs vpc_azs: the AZs the stream delivers into")] : []
    }

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("data ingested", key: "firehose.ingestion", quantity: p.number("ingested_gb")),
            PriceComponent("format conversion", key: "firehose.format_conversion", quantity: p.number("converted_gb")),
            PriceComponent("VPC delivery AZ hours", key: "firehose.vpc.az_hour", quantity: p.number("vpc_azs") * p.hours),
            PriceComponent("VPC delivery data", key: "firehose.vpc.data", quantity: p.number("vpc_gb")),
        ]
    }

    public let example = RuleExample(
        ["ingested_gb": "1000", "vpc_azs": "2", "vpc_gb": "1000"], region: "eu-central-1", monthly: "61.06",
        seed:
            "AWS pricing page via infracost golden kinesis_firehose_delivery_stream_test.golden@95ba4f49 (eu-west-2: 'Data ingested (first 500TB)' $0.035 per GB, 'VPC AZ delivery 1,460 hours $16.06', 'VPC data $0.01 per GB'): 1,000 GB x $0.035 + $16.06 + 1,000 GB x $0.01 = $61.06 at these eu-west-2 prices (proxies in eu-central-1)"
    )
}
