import CostModel
import Foundation
import Pricing
import TestSupport
import Testing

let header = PriceSheets.columns.joined(separator: ",")

/// A key registry for the small sheets of these tests.
let testKeys = """
    price_key,service,unit,usage_type,match,scope,description
    ec2.nat_gateway.hour,AmazonEC2,hour,NatGateway-Hours,,regional,NAT gateway hours
    ec2.instance.{instance_type}.linux,AmazonEC2,hour,BoxUsage:{instance_type},Operating System=Linux,regional,EC2 {instance_type}
    a.b,AmazonEC2,hour,,,regional,x
    c.d,AmazonEC2,hour,,,regional,x
    e.f,AmazonEC2,hour,,,regional,x
    g.h,AmazonEC2,hour,,,regional,x
    s.s,AmazonS3,GB-month,,,regional,x
    t.t,AmazonS3,GB-month,,,regional,x
    u.u,AmazonS3,GB-month,,,regional,x
    z.global,AmazonRoute53,month,,,global,x

    """

func sheetDir(_ files: [String: String], keys: String = testKeys) -> TempDir {
    let dir = TempDir()
    try! FileManager.default.createDirectory(atPath: dir.file("pricing/aws"), withIntermediateDirectories: true)
    dir.write("pricing/keys.csv", keys)
    for (name, text) in files { dir.write("pricing/aws/" + name, text) }
    return dir
}

func loadError(_ dir: TempDir) -> UserError? {
    do {
        let registry = try KeyRegistry.load(path: dir.file("pricing/keys.csv"))
        _ = try PriceSheets.load(files: PriceSheets.files(in: dir.file("pricing")), registry: registry)
        return nil
    } catch let e as UserError {
        return e
    } catch {
        return nil
    }
}

@Suite struct ShippedSheetTests {
    @Test func shippedSheetsLoadWithoutErrors() throws {
        let registry = try KeyRegistry.load(path: Fixtures.pricing + "/keys.csv")
        let rows = try PriceSheets.load(files: PriceSheets.files(in: Fixtures.pricing), registry: registry)
        let regions = Set(rows.map(\.region))
        #expect(regions == ["eu-central-1", "ap-southeast-2", "ap-southeast-1", "us-east-1", "global"])
        #expect(rows.allSatisfy { !$0.source.isEmpty })
        // Sheets use only registry keys (load refuses others); every registry key is priced by a
        // sheet or, where no public price was found (Aurora PostgreSQL instances, Valkey nodes,
        // io2 storage), by an imported Price List through its selector: the registry holds
        // nothing unused.
        let priced = Set(rows.map { registry.baseSelector(of: $0.key)!.definition.pattern })
        let priceListOnly = Set(registry.definitions.filter { !$0.usageType.isEmpty || !$0.match.isEmpty }.map(\.pattern))
        #expect(Set(registry.patterns).subtracting(priced).subtracting(priceListOnly).isEmpty)
        // A proxy row says whose price it borrows; an estimate names its seed.
        #expect(rows.filter { $0.quality == .proxy }.allSatisfy { $0.source.hasPrefix("proxy: ") })
        #expect(rows.filter { $0.quality == .estimate }.allSatisfy { $0.source.hasPrefix("seed ") })
    }

    /// The seed figures the reference README checks against public prices, with our numbers.
    @Test func seedVerdictsFromPublicPrices() throws {
        let dir = TempDir()
        let resolver = PriceResolver(catalog: try dir.catalog())
        func monthly(_ key: String, _ region: String, hours: Int64) throws -> String {
            let p = try #require(try resolver.resolve(key: key, region: region))
            return Money.cost(quantity: Quantity(hours), unitPrice: p.tiers[0].price).formatted()
        }
        // seed 000: "t4g.medium ~$30/month": our sourced price gives $28.03.
        #expect(try monthly("ec2.instance.t4g.medium.linux", "eu-central-1", hours: 730) == "28.03")
        // seed 000: "NAT ~$38/month": $0.052/h × 730.
        #expect(try monthly("ec2.nat_gateway.hour", "eu-central-1", hours: 730) == "37.96")
        // seed 000: "interface endpoint (2 AZs) ~$17.50".
        #expect(try monthly("vpc.endpoint.interface.hour", "eu-central-1", hours: 1460) == "17.52")
        let acl = try #require(try resolver.resolve(key: "waf.web_acl", region: "eu-central-1"))
        #expect(acl.tiers[0].price.description == "5")
        #expect(acl.unit == "month")
    }

    @Test func globalPricesAreFoundFromEveryRegion() throws {
        let dir = TempDir()
        let resolver = PriceResolver(catalog: try dir.catalog())
        let zone = try #require(try resolver.resolve(key: "route53.hosted_zone", region: "ap-southeast-2"))
        #expect(zone.foundIn == "global")
        #expect(zone.tiers[0].price.description == "0.5")
        #expect(try resolver.resolve(key: "no.such.key", region: "eu-central-1") == nil)
    }

    @Test func tieredPriceKeepsItsTiers() throws {
        let dir = TempDir()
        let resolver = PriceResolver(catalog: try dir.catalog())
        let p = try #require(try resolver.resolve(key: "vpc.endpoint.interface.data", region: "eu-central-1"))
        #expect(
            p.tiers.map { "\($0.start)-\($0.end.map(\.description) ?? "inf")@\($0.price)" } == [
                "0-1048576@0.01", "1048576-5242880@0.006", "5242880-inf@0.004",
            ])
    }
}

@Suite struct SheetValidationTests {
    let good = "ec2.nat_gateway.hour,0.052,0,,2026-01-01,sheet,AWS page"

    @Test func everyProblemIsReportedWithItsLine() throws {
        let dir = sheetDir([
            "eu-central-1.csv": """
            \(header)
            \(good)
            a.c,0.1,0,,2026-01-01,sheet,src
            c.d,abc,0,,2026-01-01,sheet,src
            e.f,0.1,0,,2026-13-01,sheet,src
            g.h,0.1,0,,2026-01-01,sheet,
            t.t,0.023,0,100,2026-01-01,sheet,src
            t.t,0.022,200,,2026-01-01,sheet,src

            """
        ])
        let error = try #require(loadError(dir))
        let text = error.description
        let path = dir.file("pricing/aws/eu-central-1.csv")
        #expect(
            text.contains("\(path):3: error: column 'price_key': 'a.c' is not in the key registry. did you mean 'a.b'?"),
            "\(text)")
        #expect(text.contains("\(path):4: error: column 'unit_price': 'abc': not a decimal number"), "\(text)")
        #expect(text.contains("\(path):5: error: column 'effective_date': '2026-13-01' is not a date"), "\(text)")
        #expect(text.contains("\(path):6: error: column 'source': every price needs a source"), "\(text)")
        #expect(text.contains("\(path):8: error: price 't.t': tier starts at 200 but the previous tier ends at 100"), "\(text)")
        #expect(error.diagnostics.count == 5)
        #expect(error.status == .dataError)
    }

    @Test func duplicateTierAndBoundedLastTier() throws {
        let dir = sheetDir([
            "us-east-1.csv": """
            \(header)
            s.s,0.023,0,,2026-01-01,sheet,src
            s.s,0.021,0,,2026-01-01,sheet,src
            u.u,0.023,0,100,2026-01-01,sheet,src

            """
        ])
        let text = try #require(loadError(dir)).description
        #expect(
            text.contains("us-east-1.csv:3: error: price 's.s': duplicate row for tier starting at 0 (also line 2)"), "\(text)")
        #expect(text.contains("us-east-1.csv:4: error: price 'u.u': the last tier must be open-ended"), "\(text)")
    }

    @Test func badHeaderNamesTheColumns() throws {
        let dir = sheetDir(["global.csv": "price_key,service,unit,price\n"])
        let text = try #require(loadError(dir)).description
        #expect(text.contains("global.csv:1: error: bad header: missing column(s) unit_price, tier_start"), "\(text)")
        #expect(text.contains("unknown column(s) service, unit, price"), "\(text)")
    }

    @Test func catalogReloadsOnlyWhenASheetChanges() throws {
        let dir = sheetDir(["eu-central-1.csv": header + "\n" + good + "\n"])
        let catalog = try Catalog(path: dir.file("c.sqlite"))
        #expect(try catalog.refreshSheets(pricingDirectory: dir.file("pricing")))
        #expect(try !catalog.refreshSheets(pricingDirectory: dir.file("pricing")))
        dir.write("pricing/aws/eu-central-1.csv", header + "\n" + good.replacingOccurrences(of: "0.052", with: "0.06") + "\n")
        #expect(try catalog.refreshSheets(pricingDirectory: dir.file("pricing")))
        let p = try #require(try PriceResolver(catalog: catalog).resolve(key: "ec2.nat_gateway.hour", region: "eu-central-1"))
        #expect(p.tiers[0].price.description == "0.06")
        #expect(p.source == "AWS page")
    }

    @Test func aBrokenSheetLeavesTheCatalogUntouched() throws {
        let dir = sheetDir(["eu-central-1.csv": header + "\n" + good + "\n"])
        let catalog = try Catalog(path: dir.file("c.sqlite"))
        try catalog.refreshSheets(pricingDirectory: dir.file("pricing"))
        let before = try snapshot(catalog)
        dir.write("pricing/aws/eu-central-1.csv", header + "\n" + good + "\na.b,-1,0,,2026-01-01,sheet,s\n")
        #expect(throws: UserError.self) { try catalog.refreshSheets(pricingDirectory: dir.file("pricing")) }
        #expect(try snapshot(catalog) == before)
    }
}

@Suite struct OverrideTests {
    /// The RDS excerpt moved to eu-central-1: its on-demand rows override the sheet for the same
    /// product, and the resolver says where the price came from.
    @Test func importedPriceListOverridesTheSheet() throws {
        let dir = TempDir()
        let path = writeRDSExcerptInFrankfurt(dir)
        let catalog = try dir.catalog()
        let resolver = PriceResolver(catalog: catalog)
        let before = try #require(try resolver.resolve(key: "rds.postgres.db.t4g.medium.single_az", region: "eu-central-1"))
        #expect(before.priceOrigin == .sheet)
        _ = try PriceListImporter(catalog: catalog).importFile(path)
        let after = try #require(try resolver.resolve(key: "rds.postgres.db.t4g.medium.single_az", region: "eu-central-1"))
        #expect(after.priceOrigin == .priceList)
        #expect(after.tiers.map(\.price.description) == ["0.072"])
        #expect(after.source == "AWS Price List AmazonRDS version 20260904172716 (\(path)), SKU H6U5RNXSENY7QJ2W")
        #expect(after.effectiveDate == "2026-09-01")
        // Multi-AZ is another product (usage type Multi-AZUsage): its own imported row.
        let multi = try #require(try resolver.resolve(key: "rds.postgres.db.t4g.medium.multi_az", region: "eu-central-1"))
        #expect(multi.tiers.map(\.price.description) == ["0.145"])
        // Other regions keep their sheet price.
        let sydney = try #require(try resolver.resolve(key: "rds.postgres.db.t4g.medium.single_az", region: "ap-southeast-2"))
        #expect(sydney.priceOrigin == .sheet)
    }

    @Test func unitsMustAgree() {
        #expect(PriceResolver.unitsCompatible(sheet: "hour", priceList: "Hrs"))
        #expect(PriceResolver.unitsCompatible(sheet: "vCPU-hour", priceList: "hours"))
        #expect(PriceResolver.unitsCompatible(sheet: "GB-month", priceList: "GB-Mo"))
        #expect(!PriceResolver.unitsCompatible(sheet: "GB-month", priceList: "Hrs"))
        #expect(!PriceResolver.unitsCompatible(sheet: "hour", priceList: "Quantity"))
    }
}
