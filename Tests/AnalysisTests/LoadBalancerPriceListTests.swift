import Analysis
import CostModel
import Foundation
import Pricing
import Scenarios
import TestSupport
import Testing

/// NLB, Classic and Gateway Load Balancers and API Gateway caches priced from the genuine AWS
/// Price List files, at the files' exact prices.
@Suite struct LoadBalancerPriceListTests {
    func planImporting(_ files: [String], region: String, _ resources: String) throws -> [CostLine] {
        let dir = TempDir()
        let catalog = try dir.catalog()
        for file in files { _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(file)) }
        var engine = Engine(catalog: catalog)
        let yaml = "name: t\nregion: \(region)\nphases:\n  - id: p\n    resources:\n" + resources
        let cost = try engine.plan(try ScenarioLoader.parse(yaml, path: "t.yaml"))
        return withExtendedLifetime(dir) { cost.phases[0].lines }
    }

    static let loadBalancers = """
              - {id: nlb, type: nlb, count: 2, nlcu: 3}
              - {id: clb, type: classic_elb, gb_processed: 500}
              - {id: gwlb, type: gateway_load_balancer, count: 2, glcu: 2}

        """

    /// Each line: the SKU it must come from and our exact monthly figure.
    func check(_ lines: [CostLine], file: String, _ want: [String: (sku: String, monthly: String)]) throws {
        #expect(lines.count == want.count)
        let rows = fileRows(file)
        for line in lines {
            let (sku, monthly) = try #require(want["\(line.resource) \(line.component)"], "\(line.component)")
            #expect(line.priceQuality == .priceList, "\(line.priceKey)")
            #expect(line.priceSource.hasSuffix("SKU \(sku)"), "\(line.priceKey): \(line.priceSource)")
            let row = try #require(rows[sku]?.first { $0["TermType"] == "OnDemand" })
            #expect(line.unitPrice == (try FixedDecimal.parse(row["PricePerUnit"]!).get()), "\(line.priceKey)")
            #expect(line.monthlyCost.usd == monthly, "\(line.priceKey)")
        }
    }

    @Test func londonFromTheGenuineELBFile() throws {
        let lines = try planImporting(["AWSELB-eu-west-2.csv"], region: "eu-west-2", Self.loadBalancers)
        try check(
            lines, file: "AWSELB-eu-west-2.csv",
            [
                "nlb load balancer hours": ("QSWHNGUEGEPBSPC6", "38.63"),  // 2 × 730 × 0.02646 = 38.6316
                "nlb NLCU hours": ("T9SXURTB56US7RTF", "13.14"),  // 3 × 730 × 0.006
                "clb load balancer hours": ("922QC3D66T3QU9QK", "21.46"),  // 730 × 0.0294 = 21.462
                "clb data processed": ("4JNUM33CC5S93JSG", "4.20"),  // 500 × 0.0084
                "gwlb load balancer hours": ("RKNMJZBV5F2X3TAU", "21.46"),  // 2 × 730 × 0.0147 = 21.462
                "gwlb GLCU hours": ("V6762STHYS4NNE5D", "5.84"),  // 2 × 730 × 0.004
            ])
    }

    @Test func northVirginiaFromTheGenuineELBFile() throws {
        let lines = try planImporting(["AWSELB-us-east-1.csv"], region: "us-east-1", Self.loadBalancers)
        try check(
            lines, file: "AWSELB-us-east-1.csv",
            [
                "nlb load balancer hours": ("YKBGGP5EBGDU9T5W", "32.85"),  // 2 × 730 × 0.0225
                "nlb NLCU hours": ("XZ2DR556MD28P9WJ", "13.14"),  // 3 × 730 × 0.006
                "clb load balancer hours": ("6XT9C7FFNQ3T39YK", "18.25"),  // 730 × 0.025
                "clb data processed": ("NZE73RYFQ8ZCZ553", "4.00"),  // 500 × 0.008
                "gwlb load balancer hours": ("4XCKHVEY2F7FVHE3", "18.25"),  // 2 × 730 × 0.0125
                "gwlb GLCU hours": ("EBFBY6XVZMVA2MJP", "5.84"),  // 2 × 730 × 0.004
            ])
    }

    /// The us-east-1 sheet rows were copied from the same genuine file: without an import the
    /// plan is the same, marked `sheet`.
    @Test func theUSEast1SheetAgreesWithTheFile() throws {
        let lines = try planImporting([], region: "us-east-1", Self.loadBalancers)
        #expect(lines.map(\.monthlyCost.usd) == ["32.85", "13.14", "18.25", "4.00", "18.25", "5.84"])
        #expect(lines.allSatisfy { $0.priceQuality == .sheet })
    }

    @Test func everyAPIGatewayCacheSizeFromTheGenuineFile() throws {
        // cacheClusterSize → SKU of EUW2-ApiGatewayCacheUsage:<size>GB and our monthly (730 h).
        let sizes: [(String, String, String)] = [
            ("0.5", "U9TEZ938XU4FEKFE", "14.60"), ("1.6", "4YW7EQ9JRNYD7SGX", "27.74"), ("6.1", "JH5Z3JRFJ2SVCYYT", "146.00"),
            ("13.5", "QPSUEK8GD8PAKZSZ", "182.50"), ("28.4", "RMSFGVHH65KMV2UQ", "365.00"),
            ("58.2", "K5UP5MV7CDS92WYD", "730.00"), ("118", "Q2DQZVEXAMHHRAQQ", "1387.00"),
            ("237", "43R4BMN9UGAUJNJP", "2774.00"),
        ]
        let resources = sizes.map { "      - {id: c\($0.0), type: api_gateway, cache_gb: \($0.0)}\n" }.joined()
        let lines = try planImporting(["AmazonApiGateway-eu-west-2.csv"], region: "eu-west-2", resources)
        let rows = fileRows("AmazonApiGateway-eu-west-2.csv")
        #expect(lines.count == sizes.count)
        for (size, sku, monthly) in sizes {
            let line = try #require(lines.first { $0.resource == "c\(size)" })
            #expect(line.component == "\(size) GB cache hours")
            #expect(line.priceQuality == .priceList)
            #expect(line.priceSource.hasSuffix("SKU \(sku)"), "\(size): \(line.priceSource)")
            let filePrice = try FixedDecimal.parse(try #require(rows[sku]?.first)["PricePerUnit"]!).get()
            #expect(line.unitPrice == filePrice, "\(size)")
            #expect(line.monthlyCost.usd == monthly, "\(size)")
        }
    }
}
