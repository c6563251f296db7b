import CostModel

/// CloudWatch: alarms, logs (ingestion and storage), custom metrics, dashboards.
public struct CloudWatchMonitoring: ServiceRule {
    public let type = "cloudwatch"
    public let summary = "CloudWatch: alarms, log ingestion and storage, custom metrics, dashboards"
    public let parameters: [ParameterSpec] = [
        .number("alarms", "count", default: 0, "standard-resolution alarms"),
        .number("logs_ingest_gb", "GB", default: 0, "log data ingested per month (standard class; also VPC flow logs)"),
        .number("logs_storage_gb", "GB", default: 0, "log data stored (archived), average over the month"),
        .number("custom_metrics", "count", default: 0, "custom metrics (incl. Container Insights / detailed monitoring)"),
        .number("dashboards", "count", default: 0, "dashboards"),
        .number("high_resolution_alarms", "count", default: 0, "high-resolution alarms (10-second periods)"),
        .number("logs_insights_scanned_gb", "GB", default: 0, "GB scanned by Logs Insights queries per month"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [
            PriceComponent("alarms", key: "cloudwatch.alarm.standard", quantity: p.number("alarms")),
            PriceComponent("log ingestion", key: "cloudwatch.logs.ingest", quantity: p.number("logs_ingest_gb")),
            PriceComponent("log storage", key: "cloudwatch.logs.storage", quantity: p.number("logs_storage_gb")),
            PriceComponent("custom metrics", key: "cloudwatch.metric.custom", quantity: p.number("custom_metrics")),
            PriceComponent("dashboards", key: "cloudwatch.dashboard", quantity: p.number("dashboards")),
            PriceComponent(
                "high-resolution alarms", key: "cloudwatch.alarm.high_resolution",
                quantity: p.number("high_resolution_alarms")),
            PriceComponent(
                "Logs Insights data scanned", key: "cloudwatch.logs.insights.scanned",
                quantity: p.number("logs_insights_scanned_gb")),
        ]
    }

    public let example = RuleExample(
        ["alarms": "10"], region: "eu-central-1", monthly: "1.00",
        seed: "seed 002: 'CloudWatch Alarms (10 total)'")
}
