import Analysis
import CostModel
import Pricing
import Scenarios
import TestSupport
import Testing

/// MariaDB instances, Valkey and Memcached nodes and S3 Standard-IA requests priced in eu-west-2
/// from the genuine AWS Price List files alone (no sheet prices London), at the files' prices.
@Suite struct DatabaseCacheStoragePriceListTests {
    static let scenario = """
        name: London engines
        region: eu-west-2
        phases:
          - id: p
            resources:
              - {id: maria, type: rds_instance, engine: mariadb, instance_class: db.t4g.micro, storage_type: gp2, storage_gb: 20}
              - {id: valkey, type: elasticache, engine: valkey, node_type: cache.t4g.micro}
              - {id: memcached, type: elasticache, engine: memcached, node_type: cache.r7g.large, nodes: 2}
              - {id: archive, type: s3, storage_class: standard_ia, put_requests: 100000}
        """

    @Test func enginesAndClassesArePricedFromGenuineFiles() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        for file in ["AmazonRDS-eu-west-2.csv", "AmazonElastiCache-eu-west-2.csv", "AmazonS3-eu-west-2.csv"] {
            _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(file))
        }
        var engine = Engine(catalog: catalog)
        let cost = try engine.plan(try ScenarioLoader.parse(Self.scenario, path: "london.yaml"))
        let lines = try #require(cost.phases.first).lines
        func line(_ resource: String, _ component: String) -> CostLine? {
            lines.first { $0.resource == resource && $0.component == component }
        }
        // MariaDB db.t4g.micro Single-AZ: SKU KQNTBZ89F6J9CR6E, $0.018 per hour.
        let maria = try #require(line("maria", "instance hours"))
        #expect(maria.priceKey == "rds.mariadb.db.t4g.micro.single_az")
        #expect(maria.unitPrice.description == "0.018")
        #expect(maria.priceSource.hasSuffix("SKU KQNTBZ89F6J9CR6E"), "\(maria.priceSource)")
        #expect(maria.monthlyCost.usd == "13.14")  // 730 x 0.018
        #expect(line("maria", "gp2 storage")?.monthlyCost.usd == "2.66")  // 20 x 0.133
        // Valkey cache.t4g.micro: SKU AB2C3TZTZR5WDA7N, $0.0144 per hour (Redis OSS: $0.018).
        let valkey = try #require(line("valkey", "node hours"))
        #expect(valkey.unitPrice.description == "0.0144")
        #expect(valkey.priceSource.hasSuffix("SKU AB2C3TZTZR5WDA7N"), "\(valkey.priceSource)")
        #expect(valkey.monthlyCost.usd == "10.51")  // 730 x 0.0144 = 10.512
        // Memcached cache.r7g.large: SKU ZZGBE8C3FB2VP5FG, $0.256 per hour, 2 nodes.
        let memcached = try #require(line("memcached", "node hours"))
        #expect(memcached.priceSource.hasSuffix("SKU ZZGBE8C3FB2VP5FG"), "\(memcached.priceSource)")
        #expect(memcached.monthlyCost.usd == "373.76")  // 1460 x 0.256
        // Standard-IA PUT requests: EUW2-Requests-SIA-Tier1, $0.01 per 1,000.
        let put = try #require(line("archive", "PUT/COPY/POST requests"))
        #expect(put.priceKey == "s3.standard_ia.requests.tier1")
        #expect(put.priceSource.hasSuffix("SKU TQ5A427P8BAECEDF"), "\(put.priceSource)")
        #expect(put.monthlyCost.usd == "1.00")
        #expect(lines.allSatisfy { $0.priceQuality == .priceList })
        #expect(cost.phases[0].monthlyCost.usd == "401.07")
    }

    /// The file's only io2 IOPS row is SQL Server Enterprise Multi-AZ: the PostgreSQL selector of
    /// `rds.storage.io2.iops.multi_az` must not take it.
    @Test func io2IopsOfAnotherEngineIsNotTaken() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AmazonRDS-eu-west-2.csv"))
        let resolver = PriceResolver(catalog: catalog)
        #expect(try resolver.priceListProducts(key: "rds.storage.io2.iops.multi_az", region: "eu-west-2").isEmpty)
        #expect(try resolver.resolve(key: "rds.storage.io2.iops.multi_az", region: "eu-west-2") == nil)
        // The MariaDB storage row is another engine's too; the storage keys name PostgreSQL's.
        #expect(try resolver.priceListProducts(key: "rds.storage.gp2.single_az", region: "eu-west-2") == ["TZ3NMVQHVWKUR3Y4"])
    }
}
