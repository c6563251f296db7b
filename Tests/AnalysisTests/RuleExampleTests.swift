import Analysis
import CostModel
import Pricing
import Scenarios
import TestSupport
import Testing

/// Every service rule carries a worked example from a seed; this prices each with the shipped
/// sheets and checks our exact monthly figure.
@Suite struct RuleExampleTests {
    static let rules: [String] = ServiceRules.all.map(\.type)

    @Test(arguments: rules)
    func workedExample(type: String) throws {
        let rule = try #require(ServiceRules.rule(type))
        var yaml =
            "name: example\nregion: \(rule.example.region)\nphases:\n  - id: p\n    resources:\n      - id: r\n        type: \(type)\n"
        for (k, v) in rule.example.params.sorted(by: { $0.key < $1.key }) {
            yaml += "        \(k): \"\(v)\"\n"
        }
        let dir = TempDir()
        let catalog = try dir.catalog()
        for file in rule.example.priceLists {
            _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(file))
        }
        var engine = Engine(catalog: catalog)
        let scenario = try ScenarioLoader.parse(yaml, path: "t.yaml")
        if let missing = rule.example.missingPrice {
            // No public price for the region: the plan names the command that fetches AWS's.
            let error = try #require(throws: UserError.self) { try engine.plan(scenario) }
            #expect(error.description.contains(missing), "\(type): \(error.description)")
            #expect(error.description.contains("catalog update --region \(rule.example.region)"), "\(error.description)")
            return
        }
        let cost = try engine.plan(scenario)
        #expect(cost.phases[0].monthlyCost.usd == rule.example.monthly, "\(type): \(rule.example.seed)")
    }

    @Test func everyRuleIsWellFormed() {
        #expect(Set(Self.rules).count == Self.rules.count, "types are unique")
        for rule in ServiceRules.all {
            #expect(!rule.example.seed.isEmpty)
            #expect(
                rule.example.seed.hasPrefix("seed 00") || rule.example.seed.hasPrefix("AWS "),
                "\(rule.type) example cites a seed or an AWS pricing example")
            for p in rule.parameters {
                if case .number(let unit) = p.kind {
                    #expect(Units.all.contains(unit) || unit == "any", "\(rule.type).\(p.name): \(unit)")
                }
                #expect(!p.summary.isEmpty)
            }
        }
    }

    /// A rule reads only the parameters it declares (and the common ones): a misspelt name in a
    /// rule would otherwise read as 0 and price silently at $0.
    @Test(arguments: rules) func ruleReadsOnlyDeclaredParameters(type: String) throws {
        let rule = try #require(ServiceRules.rule(type))
        var numbers: [String: Quantity] = [:]
        var texts: [String: String] = [:]
        var flags: [String: Bool] = [:]
        for p in rule.parameters + CommonParameters.all {
            switch p.kind {
            case .number: numbers[p.name] = Quantity(2)
            case .text(let choices): texts[p.name] = choices?.last ?? "x"
            case .flag: flags[p.name] = true
            }
        }
        var input = RuleInput(
            numbers: numbers, texts: texts, flags: flags, hoursPerMonth: Quantity(730), region: "eu-central-1")
        let reads = ParameterReads()
        input.reads = reads
        _ = rule.components(input)
        _ = rule.validate(input)
        let declared = Set((rule.parameters + CommonParameters.all).map(\.name))
        #expect(reads.names.subtracting(declared).isEmpty, "\(type) reads undeclared \(reads.names.subtracting(declared))")
    }

    @Test func tieredPricesAreSummedAcrossTiers() throws {
        // 2 PB through interface endpoints: 1 PB at $0.01, the next 1 PB at $0.006 (eu-central-1).
        let cost = try plan(
            """
            name: t
            region: eu-central-1
            phases:
              - id: p
                resources:
                  - id: e
                    type: vpc_endpoint_interface
                    endpoints: 1
                    azs: 1
                    gb_processed: 2097152
            """)
        let data = try #require(cost.phases[0].lines.first { $0.component == "data processed" })
        #expect(data.monthlyCost.usd == "16777.22")  // 1048576 × 0.01 + 1048576 × 0.006 = 16777.216
        #expect(data.tiered)
        #expect(data.unitPrice.description == "0.006")
    }

    @Test func hoursPerDayScalesHourlyComponents() throws {
        let cost = try plan(
            """
            name: t
            region: eu-central-1
            hours_per_month: 720
            phases:
              - id: p
                resources:
                  - id: dev
                    type: ec2_instance
                    instance_type: t4g.medium
                    hours_per_day: 8
            """)
        // 720 h × 8/24 = 240 h × $0.0384 = $9.216
        #expect(cost.phases[0].lines[0].quantity == Quantity(240))
        #expect(cost.phases[0].monthlyCost.usd == "9.22")
    }

    @Test func fargateSpotShareSplitsTaskHours() throws {
        let cost = try plan(
            """
            name: t
            region: ap-southeast-2
            phases:
              - id: p
                resources:
                  - id: api
                    type: fargate_service
                    tasks: 2
                    vcpu: 0.25
                    memory_gb: 0.5
                    spot_share: 0.7
            """)
        // 2 × 730 = 1460 task-hours: 438 on-demand, 1022 Spot.
        let byComponent = Dictionary(uniqueKeysWithValues: cost.phases[0].lines.map { ($0.component, $0) })
        #expect(byComponent["vCPU hours"]?.quantity == Quantity(millionths: 109_500_000))  // 438 × 0.25
        #expect(byComponent["Spot vCPU hours"]?.quantity == Quantity(millionths: 255_500_000))  // 1022 × 0.25
        #expect(byComponent["vCPU hours"]?.monthlyCost.usd == "5.32")  // 109.5 × 0.04856
        #expect(byComponent["Spot vCPU hours"]?.monthlyCost.usd == "3.72")  // 255.5 × 0.014568
        #expect(byComponent["memory GB-hours"]?.monthlyCost.usd == "1.17")  // 219 × 0.00532
        #expect(byComponent["Spot memory GB-hours"]?.monthlyCost.usd == "0.82")  // 511 × 0.001596
    }
}

@Suite struct CloudWatchOptionTests {
    /// High-resolution alarms and Logs Insights scans at the us-east-1 sheet prices.
    @Test func highResolutionAlarmsAndLogsInsights() throws {
        let cost = try plan(
            """
            name: t
            region: us-east-1
            phases:
              - id: p
                resources:
                  - {id: m, type: cloudwatch, alarms: 2, high_resolution_alarms: 5, logs_insights_scanned_gb: 40}
            """)
        let lines = Dictionary(uniqueKeysWithValues: cost.phases[0].lines.map { ($0.component, $0) })
        #expect(lines["alarms"]?.monthlyCost.usd == "0.20")
        #expect(lines["high-resolution alarms"]?.monthlyCost.usd == "1.50")  // 5 x 0.30
        #expect(lines["Logs Insights data scanned"]?.monthlyCost.usd == "0.20")  // 40 GB x 0.005
        #expect(lines.count == 3)
    }
}
