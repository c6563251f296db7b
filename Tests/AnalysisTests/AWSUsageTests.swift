import Analysis
import CostModel
import Foundation
import Pricing
import Scenarios
import TestSupport
import Testing

/// `aws_usage`: any product of an imported price list as a line.
@Suite struct AWSUsageTests {
    func engine(importing files: [String]) throws -> (Engine, TempDir) {
        let dir = TempDir()
        let catalog = try dir.catalog()
        for file in files { _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(file)) }
        return (Engine(catalog: catalog), dir)
    }

    func scenario(_ resource: String) -> Scenario {
        try! ScenarioLoader.parse(
            "name: t\nregion: eu-west-2\nphases:\n  - id: p\n    resources:\n      - \(resource)\n", path: "t.yaml")
    }

    func failure(_ engine: inout Engine, _ resource: String) -> String {
        do {
            _ = try engine.plan(scenario(resource))
            return ""
        } catch let e as UserError {
            return e.description
        } catch { return "\(error)" }
    }

    @Test func pricesAnyProductInItsOwnUnitWithOrWithoutThePrefix() throws {
        var (engine, dir) = try engine(importing: ["AWSLambda-eu-west-2.csv"])
        let plain = try engine.plan(
            scenario("{id: fn, type: aws_usage, service: AWSLambda, usage_type: Request-ARM, quantity: 3000000}"))
        let line = try #require(plain.phases[0].lines.first)
        #expect(line.unit == "request")
        #expect(line.priceQuality == .priceList)
        #expect(line.component == "Request-ARM")
        #expect(line.priceSource.hasSuffix("SKU D4TPQYY66DKTZWX9"))
        #expect(line.monthlyCost.usd == "0.60")  // 3M x 0.0000002
        let prefixed = try engine.plan(
            scenario(
                "{id: fn, type: aws_usage, service: AWSLambda, usage_type: EUW2-Request-ARM, quantity: 3000000, name: arm calls}"
            ))
        #expect(prefixed.phases[0].lines.first?.monthlyCost.usd == "0.60")
        #expect(prefixed.phases[0].lines.first?.component == "arm calls")
        // Tiered products keep their tiers: 7.5 billion GB-seconds cross the 6 billion tier.
        let duration = try engine.plan(
            scenario("{id: fn, type: aws_usage, service: AWSLambda, usage_type: Lambda-GB-Second, quantity: 7500000000}"))
        let d = try #require(duration.phases[0].lines.first)
        #expect(d.tiered)
        #expect(d.unit == "GB-second")
        #expect(d.monthlyCost.usd == "122500.20")  // 6e9 x 0.0000166667 + 1.5e9 x 0.000015
        withExtendedLifetime(dir) {}
    }

    @Test func mistakesSayWhatToDo() throws {
        var (engine, dir) = try engine(importing: ["AmazonElastiCache-eu-west-2.csv"])
        // Several engines share the usage type: the candidates and what tells them apart.
        let ambiguous = failure(
            &engine, "{id: c, type: aws_usage, service: AmazonElastiCache, usage_type: NodeUsage:cache.t4g.micro, quantity: 730}")
        #expect(ambiguous.contains("imported products match usage type NodeUsage:cache.t4g.micro"), "\(ambiguous)")
        #expect(ambiguous.contains("Cache Engine=Redis"), "\(ambiguous)")
        #expect(ambiguous.contains("Cache Engine=Valkey") || ambiguous.contains("Cache Engine=Memcached"), "\(ambiguous)")
        #expect(ambiguous.contains("add a 'match' to the resource that picks one"), "\(ambiguous)")
        // With a match it is one product.
        let cost = try engine.plan(
            scenario(
                "{id: c, type: aws_usage, service: AmazonElastiCache, usage_type: NodeUsage:cache.t4g.micro, match: 'Cache Engine=Redis', quantity: 730, unit: hour}"
            ))
        #expect(cost.phases[0].lines.first?.monthlyCost.usd == "13.14")  // 730 x 0.018
        // A unit that is not the product's is refused, not converted.
        let unit = failure(
            &engine,
            "{id: c, type: aws_usage, service: AmazonElastiCache, usage_type: NodeUsage:cache.t4g.micro, match: 'Cache Engine=Redis', quantity: 730, unit: GB}"
        )
        #expect(unit.contains("bills in another unit than the key's GB"), "\(unit)")
        // Nothing imported for the offer: the command that brings it.
        let none = failure(
            &engine, "{id: t, type: aws_usage, service: AmazonDynamoDB, usage_type: TimedStorage-ByteHrs, quantity: 10}")
        #expect(none.contains("no price for 'usage|AmazonDynamoDB|TimedStorage-ByteHrs||' in eu-west-2"), "\(none)")
        #expect(none.contains("run orcha-cost catalog update --region eu-west-2 --service AmazonDynamoDB"), "\(none)")
        // Neither usage type nor match.
        let empty = failure(&engine, "{id: t, type: aws_usage, service: AmazonDynamoDB, quantity: 10}")
        #expect(empty.contains("aws_usage needs a usage_type, a match, or both"), "\(empty)")
        withExtendedLifetime(dir) {}
    }
}
