import CostModel
import Foundation
import Pricing
import TestSupport
import Testing

/// The genuine AWS Price List files under Tests/Fixtures/price-list whose region is one file's.
let genuineRegionalFiles = [
    "AWSDataTransfer-eu-west-2.csv", "AWSELB-eu-west-2.csv", "AWSELB-us-east-1.csv", "AWSLambda-eu-west-2.csv",
    "AWSQueueService-eu-west-2.csv", "AmazonApiGateway-eu-west-2.csv", "AmazonECS-eu-west-2.csv",
    "AmazonElastiCache-eu-west-2.csv", "AmazonRDS-eu-west-2.csv", "AmazonS3-eu-west-2.csv",
]

@Suite struct KeyRegistryTests {
    let registry: KeyRegistry

    init() throws { registry = try KeyRegistry.load(path: Fixtures.pricing + "/keys.csv") }

    @Test func aTemplateStandsForEveryKeyThatFillsIt() throws {
        let s = try #require(registry.selector(for: "ec2.instance.m7g.large.linux"))
        #expect(s.usageType == "BoxUsage:m7g.large")
        #expect(s.service == "AmazonEC2")
        #expect(s.unit == "hour")
        #expect(s.matchText.contains("Operating System=Linux"))
        #expect(s.description.contains("m7g.large"))
        let rds = try #require(registry.selector(for: "rds.mysql.db.r6g.large.multi_az"))
        #expect(rds.usageType == "Multi-AZUsage:db.r6g.large")
        #expect(rds.matchText == "Database Engine=MySQL")
        // An empty or upper-case value is no key.
        #expect(registry.selector(for: "ec2.instance..linux") == nil)
        #expect(registry.selector(for: "ec2.instance.M7G.linux") == nil)
        // An exact key wins over a template that would also take it.
        #expect(
            registry.selector(for: "data_transfer.inter_region.us_east")?.definition.pattern
                == "data_transfer.inter_region.us_east")
        #expect(
            registry.selector(for: "data_transfer.inter_region.eu-west-1")?.matchText.contains("To Region Code=eu-west-1") == true
        )
    }

    @Test func commitmentKeysTakeTheirBaseKeysSelectorAndTheirOwnUnit() {
        #expect(registry.unit(of: "rds.postgres.db.t4g.medium.single_az.reserved.1yr.no_upfront.hourly") == "hour")
        #expect(registry.unit(of: "rds.postgres.db.t4g.medium.single_az.reserved.1yr.all_upfront.upfront") == "term")
        #expect(registry.unit(of: "fargate.linux.arm.vcpu.savings_plan.compute.3yr.no_upfront") == "vCPU-hour")
        #expect(registry.unit(of: "nothing.reserved.1yr.no_upfront.hourly") == nil)
    }

    @Test func theOffersCatalogUpdateFetches() {
        let offers = registry.offerCodes
        for code in ["AmazonEC2", "AmazonRDS", "AWSELB", "AmazonVPC", "AWSQueueService", "AWSDataTransfer", "AmazonECS"] {
            #expect(offers.contains(code), "\(code)")
        }
        // Keys without a usage type or match (seed figures, QuickSight) bring no offer of their own.
        #expect(!offers.contains("AmazonQuickSight"))
    }

    /// Every service a key prices has the names exports need: Cost Explorer's (budget filters)
    /// and FOCUS's name, category and subcategory (finance rows), so nothing falls back to the
    /// offer code; and a bill naming the service either way maps back to the same offer code.
    @Test func everyServiceHasItsBillingAndFOCUSNames() {
        let services = Set(registry.definitions.map(\.service))
        #expect(services.count > 30)
        for code in services.sorted() {
            let name = AWSServiceNames.costExplorer[code]
            #expect(name != nil, "\(code) has no Cost Explorer service name")
            let focus = AWSServiceNames.focus[code]
            #expect(focus != nil, "\(code) has no FOCUS service name and category")
            if let name { #expect(AWSServiceNames.offerCode(name: name) == code, "\(name)") }
            if let focus { #expect(AWSServiceNames.offerCode(name: focus.name) == code, "\(focus.name)") }
            #expect(AWSServiceNames.offerCode(name: code) == code)
        }
    }

    /// Every registry selector picks at most one product in each genuine file of its offer, and
    /// exactly one for the keys the file prices (templates filled with every value the file has).
    @Test(arguments: genuineRegionalFiles) func selectorsPickOneProductInGenuineFiles(_ file: String) throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let summary = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(file))
        let resolver = PriceResolver(catalog: catalog)
        var usageTypes: [String] = []
        try catalog.query(CatalogFilter(service: summary.offerCode)) { row in
            usageTypes.append(row.usageType)
        }
        let bases = Set(usageTypes.map { PriceListImporter.baseUsageType($0) })
        var picked: [String] = []
        for d in registry.definitions where d.service == summary.offerCode && (!d.usageType.isEmpty || !d.match.isEmpty) {
            var keys: [String] = []
            if let open = d.pattern.firstIndex(of: "{") {
                // Fill the placeholder with every value the file's usage types give it.
                let prefix = String(d.pattern[..<open])
                let suffix = String(d.pattern[d.pattern.index(after: d.pattern[open...].firstIndex(of: "}")!)...])
                let u = d.usageType
                if let uo = u.firstIndex(of: "{") {
                    let uPrefix = String(u[..<uo])
                    let uSuffix = String(u[u.index(after: u[uo...].firstIndex(of: "}")!)...])
                    for b in bases where b.hasPrefix(uPrefix) && b.hasSuffix(uSuffix) && b.count > uPrefix.count + uSuffix.count {
                        keys.append(prefix + b.dropFirst(uPrefix.count).dropLast(uSuffix.count) + suffix)
                    }
                } else {
                    // A placeholder in the match only (a destination region): every region code.
                    for region in AWSServiceNames.regions.sorted() { keys.append(prefix + region + suffix) }
                }
            } else {
                keys = [d.pattern]
            }
            for key in keys {
                for region in summary.regions where PriceListImporter.isRegionCode(region) {
                    let skus = try resolver.priceListProducts(key: key, region: region)
                    #expect(skus.count <= 1, "\(file): \(key) in \(region) picks \(skus)")
                    if skus.count == 1 { picked.append(key) }
                }
            }
        }
        // ALB, NLB, GWLB and Classic share usage types and are told apart by their product family.
        let elbKeys: Set<String> = [
            "elb.alb.hour", "elb.alb.lcu", "elb.nlb.hour", "elb.nlb.lcu", "elb.gwlb.hour", "elb.gwlb.lcu", "elb.classic.hour",
            "elb.classic.data",
        ]
        let expected: [String: Set<String>] = [
            "AWSDataTransfer-eu-west-2.csv": [
                "data_transfer.out.internet", "data_transfer.inter_region.eu-west-1", "data_transfer.free_tier.out",
            ],
            "AWSELB-eu-west-2.csv": elbKeys,
            "AWSELB-us-east-1.csv": elbKeys,
            "AWSLambda-eu-west-2.csv": [
                "lambda.requests.x86", "lambda.requests.arm", "lambda.duration.x86", "lambda.duration.arm",
                "lambda.ephemeral_storage.x86", "lambda.provisioned_concurrency.x86", "lambda.free_tier.requests",
                "lambda.free_tier.duration",
            ],
            "AWSQueueService-eu-west-2.csv": ["sqs.standard.requests", "sqs.fifo.requests", "sqs.free_tier.requests"],
            "AmazonApiGateway-eu-west-2.csv": Set(
                ["apigateway.rest.requests", "apigateway.http.requests"]
                    + ["0.5", "1.55", "6.05", "13.5", "28.4", "58.2", "118", "237"].map { "apigateway.cache.\($0)" }),
            "AmazonECS-eu-west-2.csv": [
                "fargate.linux.x86.vcpu", "fargate.linux.x86.memory", "fargate.linux.arm.vcpu", "fargate.linux.arm.memory",
            ],
            "AmazonElastiCache-eu-west-2.csv": [
                "elasticache.cache.t4g.micro.redis", "elasticache.cache.t4g.medium.redis", "elasticache.cache.r7g.large.redis",
                "elasticache.cache.t4g.micro.valkey", "elasticache.cache.t4g.medium.valkey", "elasticache.cache.r7g.large.valkey",
                "elasticache.cache.t4g.micro.memcached", "elasticache.cache.t4g.medium.memcached",
                "elasticache.cache.r7g.large.memcached",
            ],
            "AmazonS3-eu-west-2.csv": [
                "s3.standard.storage", "s3.requests.tier1", "s3.requests.tier2", "s3.standard_ia.requests.tier1",
            ],
        ]
        if let want = expected[file] {
            #expect(Set(picked) == want, "\(file)")
        }
    }
}

@Suite struct SelectorTieBreakTests {
    /// A copy of the genuine ALB-hour row as another product of the same usage type.
    func elbWithTwin(locationType: String) -> String {
        let text = readText(Fixtures.priceList("AWSELB-eu-west-2.csv"))
        let row = text.split(separator: "\n").first { $0.hasPrefix("\"6AP766DZF74JPTE2\"") }!
        let twin = row.replacingOccurrences(of: "6AP766DZF74JPTE2", with: "TWINTWINTWINTWIN")
            .replacingOccurrences(of: "\"0.0264600000\"", with: "\"0.0500000000\"")
            .replacingOccurrences(of: "\"AWS Region\"", with: "\"\(locationType)\"")
        return text + twin + "\n"
    }

    @Test func theRegionsOwnProductWinsOverAnOutpostsTwin() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(dir.write("elb.csv", elbWithTwin(locationType: "AWS Outposts")))
        let p = try #require(try PriceResolver(catalog: catalog).resolve(key: "elb.alb.hour", region: "eu-west-2"))
        #expect(p.tiers.map(\.price.description) == ["0.02646"])
        #expect(p.source.hasSuffix("SKU 6AP766DZF74JPTE2"))
    }

    @Test func twoRegionalProductsAreAmbiguousAndSaySo() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(dir.write("elb.csv", elbWithTwin(locationType: "AWS Region")))
        let resolver = PriceResolver(catalog: catalog)
        #expect(try resolver.resolve(key: "elb.alb.hour", region: "eu-west-2") == nil)
        let missing = resolver.missingPrice(key: "elb.alb.hour", region: "eu-west-2")
        #expect(missing.message.contains("2 imported products match usage type LoadBalancerUsage"), "\(missing.message)")
        #expect(missing.message.contains("6AP766DZF74JPTE2") && missing.message.contains("TWINTWINTWINTWIN"))
        // In a region with a sheet the sheet price stays, with the reason as a note.
        let frankfurtDir = TempDir()
        let frankfurt = try frankfurtDir.catalog()
        let moved = elbWithTwin(locationType: "AWS Region").replacingOccurrences(of: "eu-west-2", with: "eu-central-1")
            .replacingOccurrences(of: "EUW2-", with: "EUC1-").replacingOccurrences(of: "EU (London)", with: "EU (Frankfurt)")
        _ = try PriceListImporter(catalog: frankfurt).importFile(frankfurtDir.write("elb.csv", moved))
        let kept = try #require(try PriceResolver(catalog: frankfurt).resolve(key: "elb.alb.hour", region: "eu-central-1"))
        #expect(kept.quality == .sheet)
        #expect(kept.notes.first?.contains("2 imported products match") == true)
    }
}
