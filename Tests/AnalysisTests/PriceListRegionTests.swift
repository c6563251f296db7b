import Analysis
import CostModel
import Foundation
import Pricing
import Scenarios
import TestSupport
import Testing

/// The rows of a genuine price-list file by SKU: (term type, lease, purchase option, begin, end,
/// price, unit), read here with Foundation so the check does not reuse the importer.
func fileRows(_ name: String) -> [String: [[String: String]]] {
    let text = readText(Fixtures.priceList(name))
    var out: [String: [[String: String]]] = [:]
    var header: [String] = []
    for (n, line) in text.split(separator: "\n").enumerated() where n >= 5 {
        // Genuine files quote every non-empty field; fields hold no quotes of their own here.
        var fields: [String] = []
        var field = ""
        var quoted = false
        for c in line {
            if c == "\"" {
                quoted.toggle()
            } else if c == "," && !quoted {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        if n == 5 {
            header = fields
            continue
        }
        let row = Dictionary(uniqueKeysWithValues: zip(header, fields))
        out[row["SKU"]!, default: []].append(row)
    }
    return out
}

@Suite struct PriceListRegionTests {
    static let files = [
        "AWSELB-eu-west-2.csv", "AmazonRDS-eu-west-2.csv", "AWSQueueService-eu-west-2.csv", "AmazonS3-eu-west-2.csv",
        "AmazonECS-eu-west-2.csv", "AmazonApiGateway-eu-west-2.csv", "AmazonElastiCache-eu-west-2.csv",
        "AWSDataTransfer-eu-west-2.csv",
    ]

    static let scenario = """
        name: London from the AWS Price List
        region: eu-west-2
        phases:
          - id: mvp
            name: MVP
            resources:
              - {id: alb, type: alb, lcu: 3}
              - {id: db, type: rds_instance, instance_class: db.t4g.micro, storage_gb: 20, storage_type: gp2, multi_az: true}
              - {id: queues, type: sqs, requests: 3000000}
              - {id: files, type: s3, storage_gb: 60000, put_requests: 100000, get_requests: 2000000}
              - {id: api, type: fargate_service, tasks: 2, vcpu: 0.5, memory_gb: 1, arch: arm}
              - {id: gateway, type: api_gateway, api: http, requests: 5000000}
              - {id: cache, type: elasticache, node_type: cache.t4g.micro, purchase: reserved_3yr_partial_upfront}
              - {id: egress, type: data_transfer, internet_out_gb: 12000}
        """

    /// No sheet prices eu-west-2: every line comes from the genuine files, at their exact prices.
    @Test func aRegionWithoutASheetIsPricedFromGenuineFiles() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        for file in Self.files { _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(file)) }
        var engine = Engine(catalog: catalog)
        let cost = try engine.plan(try ScenarioLoader.parse(Self.scenario, path: "london.yaml"))
        let lines = try #require(cost.phases.first).lines
        #expect(lines.count == 14)
        var rows: [String: [[String: String]]] = [:]
        for file in Self.files { rows.merge(fileRows(file)) { a, _ in a } }
        for line in lines {
            #expect(line.priceOrigin == .priceList, "\(line.resource) \(line.component)")
            #expect(line.priceQuality == .priceList)
            let sku = try #require(line.priceSource.split(separator: " ").drop { $0 != "SKU" }.dropFirst().first)
                .trimmingCharacters(in: CharacterSet(charactersIn: ","))
            let skuRows = try #require(rows[sku], "\(sku)")
            // The row whose range holds the quantity (on-demand), or the Reserved term's row.
            let candidates = skuRows.filter {
                line.priceKey.contains(".reserved.")
                    ? $0["TermType"] == "Reserved" && $0["LeaseContractLength"] == "3yr"
                        && $0["PurchaseOption"] == "Partial Upfront"
                        && ($0["Unit"] == "Quantity") == line.priceKey.hasSuffix(".upfront")
                    : $0["TermType"] == "OnDemand"
            }
            let row = try #require(
                candidates.first { r in
                    let begin = Double(r["StartingRange"] ?? "") ?? 0
                    let end = r["EndingRange"] == "Inf" ? Double.infinity : Double(r["EndingRange"] ?? "") ?? .infinity
                    let q = Double(line.quantity.description)!
                    return candidates.count == 1 || (q > begin && q <= end)
                }, "\(line.priceKey)")
            let filePrice = try FixedDecimal.parse(row["PricePerUnit"]!).get()
            #expect(line.unitPrice == filePrice, "\(line.priceKey): \(line.unitPrice) vs file \(row["PricePerUnit"]!)")
        }
        func monthly(_ resource: String, _ component: String) -> String? {
            lines.first { $0.resource == resource && $0.component.hasPrefix(component) }?.monthlyCost.usd
        }
        // Exact figures from the files' prices (per unit x quantity, rounded once).
        #expect(monthly("alb", "load balancer hours") == "19.32")  // 730 x 0.02646
        #expect(monthly("alb", "LCU hours") == "18.40")  // 2190 x 0.0084
        #expect(monthly("db", "Multi-AZ instance hours") == "26.28")  // 730 x 0.036
        // S3 storage crosses the 50 TB tier: 51200 x 0.024 + 8800 x 0.023.
        #expect(monthly("files", "Standard storage") == "1431.20")
        // Internet egress crosses the 10 TB tier: 10240 x 0.09 + 1760 x 0.085.
        #expect(monthly("egress", "out to internet") == "1071.20")
        #expect(cost.priceQuality.counts[.priceList] == 14)
        #expect(cost.priceQuality.updateCommand == nil)
    }

    /// Without the files, the same scenario names the command that fetches them, once per key.
    @Test func aRegionWithoutPricesNamesTheCommand() throws {
        let error = try #require(
            try withEngine { engine -> UserError? in
                do {
                    _ = try engine.plan(try ScenarioLoader.parse(Self.scenario, path: "london.yaml"))
                    return nil
                } catch let e as UserError { return e }
            })
        let text = error.description
        #expect(text.contains("london.yaml:7:9: error: no price for 'elb.alb.hour' in eu-west-2"), "\(text)")
        #expect(
            text.contains("hint: run orcha-cost catalog update --region eu-west-2 --service AWSELB to fetch AWS's price list"),
            "\(text)")
        // RDS Proxy and backup storage are not used: no price is asked for them.
        #expect(!text.contains("rds.proxy.vcpu"))
        #expect(!text.contains("rds.backup.storage"))
    }
}

@Suite struct CommitmentFromPriceListTests {
    /// A Reserved Instance of an RDS class no sheet prices, from the genuine file's Reserved term
    /// and its Upfront Fee row (any class, engine and region the file has).
    @Test func reservedRDSFromTheGenuineFile() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AmazonRDS-eu-west-2.csv"))
        var engine = Engine(catalog: catalog)
        let cost = try engine.plan(
            try ScenarioLoader.parse(
                """
                name: RI
                region: eu-west-2
                phases:
                  - id: p
                    resources:
                      - {id: db, type: rds_instance, instance_class: db.t4g.micro, storage_gb: 20, storage_type: gp2, purchase: reserved_3yr_partial_upfront}
                """, path: "ri.yaml"))
        let lines = try #require(cost.phases.first).lines
        let hourly = try #require(lines.first { $0.priceKey.hasSuffix(".reserved.3yr.partial_upfront.hourly") })
        #expect(hourly.unitPrice.description == "0.0043")
        #expect(hourly.monthlyCost.usd == "3.14")  // 730 h x 0.0043
        #expect(hourly.priceQuality == .priceList)
        let fee = try #require(lines.first { $0.priceKey.hasSuffix(".reserved.3yr.partial_upfront.upfront") })
        #expect(fee.upfront?.usd == "112.00")
        #expect(fee.monthlyCost.usd == "3.11")  // 112 / 36
        #expect(fee.priceSource.contains("Reserved term"))
        // A term the file does not have names the command, not a different class or term.
        let missing = PriceResolver(catalog: catalog).missingPrice(
            key: "rds.postgres.db.t4g.medium.single_az.reserved.1yr.no_upfront.hourly", region: "eu-west-2")
        #expect(!missing.message.contains("did you mean"), "\(missing.message)")
        #expect(missing.hint.contains("catalog update --region eu-west-2 --service AmazonRDS"), "\(missing.hint)")
    }
}
