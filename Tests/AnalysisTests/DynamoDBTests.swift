import Analysis
import CostModel
import Pricing
import Scenarios
import TestSupport
import Testing

@Suite struct DynamoDBTests {
    let rule = ServiceRules.rule("dynamodb")!

    func input(_ numbers: [String: Int64], texts: [String: String] = [:], pitr: Bool = false) -> RuleInput {
        var all: [String: Quantity] = [:]
        for p in rule.parameters {
            if case .number = p.kind { all[p.name] = .zero }
        }
        for (k, v) in numbers { all[k] = Quantity(v) }
        let t = ["capacity_mode": "on_demand", "table_class": "standard"].merging(texts) { $1 }
        return RuleInput(numbers: all, texts: t, flags: ["pitr": pitr], hoursPerMonth: Quantity(730), region: "us-east-2")
    }

    func quantities(_ p: RuleInput) -> [String: Quantity] {
        Dictionary(uniqueKeysWithValues: rule.components(p).map { ($0.price.description, $0.quantity) })
    }

    /// The quantities of infracost's dynamodb_table_test usage (3M WRU, 8M RRU, 230 GB, PITR, 460 GB
    /// of backups, 2M stream reads), each on its own key.
    @Test func onDemandTableQuantities() {
        let q = quantities(
            input(
                [
                    "write_request_units": 3_000_000, "read_request_units": 8_000_000, "storage_gb": 230, "backup_gb": 460,
                    "stream_read_request_units": 2_000_000,
                ], pitr: true))
        #expect(q["dynamodb.on_demand.write_request_unit"] == Quantity(3_000_000))
        #expect(q["dynamodb.on_demand.read_request_unit"] == Quantity(8_000_000))
        #expect(q["dynamodb.storage.standard"] == Quantity(230))
        #expect(q["dynamodb.backup.pitr"] == Quantity(230))
        #expect(q["dynamodb.backup.on_demand"] == Quantity(460))
        #expect(q["dynamodb.streams.read_request_unit"] == Quantity(2_000_000))
        #expect(q["dynamodb.provisioned.wcu"] == nil)
    }

    @Test func provisionedCapacityIsPerUnitHour() {
        let q = quantities(
            input(
                ["wcu": 20, "rcu": 30, "replicated_wcu": 20, "storage_gb": 10],
                texts: ["capacity_mode": "provisioned", "table_class": "standard_ia"]))
        #expect(q["dynamodb.provisioned.wcu"] == Quantity(14_600))
        #expect(q["dynamodb.provisioned.rcu"] == Quantity(21_900))
        #expect(q["dynamodb.global_table.replicated_wcu"] == Quantity(14_600))
        #expect(q["dynamodb.storage.standard_ia"] == Quantity(10))
        #expect(q["dynamodb.backup.pitr"] == .zero)
        #expect(q["dynamodb.on_demand.write_request_unit"] == nil)
    }

    /// A region without a sheet: the plan says so and names the command that brings the price.
    @Test func aRegionWithoutASheetNamesTheUpdateCommand() throws {
        let error = try #require(
            planError(
                """
                name: t
                region: eu-west-1
                phases:
                  - id: p
                    resources:
                      - {id: table, type: dynamodb, capacity_mode: provisioned, wcu: 5, rcu: 5}
                """))
        let text = error.description
        #expect(text.contains("t.yaml:6:52: error: no price for 'dynamodb.provisioned.wcu' in eu-west-1"), "\(text)")
        #expect(text.contains("catalog update --region eu-west-1 --service AmazonDynamoDB"), "\(text)")
    }

    @Test func parametersOfTheOtherModeOrAnIATableThroughputAreRefused() throws {
        let p = rule.validate(input(["wcu": 5]))
        #expect(p.map(\.param) == ["wcu"])
        #expect(p.first?.message == "wcu does not apply in capacity_mode on_demand")
        let ia = rule.validate(input(["write_request_units": 5], texts: ["table_class": "standard_ia"]))
        #expect(ia.map(\.param) == ["write_request_units"])
        #expect(ia.first?.message.contains("aws_usage line (service AmazonDynamoDB)") == true)
        #expect(rule.validate(input(["storage_gb": 100], texts: ["table_class": "standard_ia"])).isEmpty)
    }
}
