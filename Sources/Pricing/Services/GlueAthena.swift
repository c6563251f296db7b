import CostModel

/// Glue ETL jobs (DPU-hours) and Athena queries (TB scanned).
public struct GlueAthena: ServiceRule {
    public let type = "glue_athena"
    public let summary = "Glue ETL DPU-hours and Athena data scanned"
    public let parameters: [ParameterSpec] = [
        .number("dpu_hours", "DPU-hour", default: 0, "Glue ETL DPU-hours per month"),
        .number("tb_scanned", "TB", default: 0, "TB scanned by Athena per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("Glue DPU-hours", key: "glue.etl.dpu", quantity: p.number("dpu_hours")),
            PriceComponent("Athena TB scanned", key: "athena.scanned", quantity: p.number("tb_scanned")),
        ]
    }

    public let example = RuleExample(
        ["dpu_hours": "20", "tb_scanned": "1"], region: "ap-southeast-2", monthly: "13.80",
        seed: "seed 001: 'AWS Glue + Athena ... Cost: ~$20/month (query-based)'")
}
