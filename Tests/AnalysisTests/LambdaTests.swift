import Analysis
import CostModel
import Pricing
import Scenarios
import TestSupport
import Testing

@Suite struct LambdaTests {
    static let london = """
        name: Lambda in London from the AWS Price List
        region: eu-west-2
        phases:
          - id: p
            resources:
              - {id: big, type: lambda, requests: 7000000000, duration_ms: 1000, memory_mb: 1024, ephemeral_storage_mb: 1024}
              - {id: warm, type: lambda, requests: 1000000, duration_ms: 200, memory_mb: 2048, provisioned_concurrency: 10, provisioned_share: 0}
              - {id: graviton, type: lambda, arch: arm, requests: 2000000, duration_ms: 120, memory_mb: 512}
        """

    /// No sheet prices eu-west-2: every line is priced from the genuine AWSLambda file, at its
    /// exact prices, across its duration tiers.
    @Test func genuineEuWest2PriceList() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AWSLambda-eu-west-2.csv"))
        var engine = Engine(catalog: catalog)
        let cost = try engine.plan(try ScenarioLoader.parse(Self.london, path: "london.yaml"))
        let lines = try #require(cost.phases.first).lines
        #expect(lines.allSatisfy { $0.priceQuality == .priceList })
        func line(_ resource: String, _ component: String) -> CostLine? {
            lines.first { $0.resource == resource && $0.component == component }
        }
        // 7e9 GB-s: 6e9 at 0.0000166667 (RP9RSZYUC96SQ4G2 Tier-1) + 1e9 at 0.000015 (Tier-2).
        let duration = try #require(line("big", "duration GB-seconds"))
        #expect(duration.quantity == Quantity(7_000_000_000))
        #expect(duration.tiered)
        #expect(duration.monthlyCost.usd == "115000.20")
        #expect(line("big", "requests")?.monthlyCost.usd == "1400.00")  // 7e9 x 0.0000002 (NDYBVXT3KB548Z2A)
        // 512 MB above the free 512 MB x 7e9 s = 3.5e9 GB-s x 0.0000000358 (N5RQX23Q92PY74R5).
        #expect(line("big", "ephemeral storage above 512 MB")?.quantity == Quantity(3_500_000_000))
        #expect(line("big", "ephemeral storage above 512 MB")?.monthlyCost.usd == "125.30")
        // 10 x 2 GB x 730 h x 3600 s = 52,560,000 GB-s x 0.0000048304 (6DB7ZBYMK456XGDS).
        #expect(line("warm", "provisioned concurrency")?.quantity == Quantity(52_560_000))
        #expect(line("warm", "provisioned concurrency")?.monthlyCost.usd == "253.89")
        // provisioned_share 0: every invocation spills over to the on-demand duration price.
        #expect(line("warm", "duration GB-seconds")?.quantity == Quantity(400_000))  // 1M x 0.2 s x 2 GB
        #expect(line("warm", "duration on provisioned concurrency") == nil)
        // arm64: 2M x 0.12 s x 0.5 GB = 120,000 GB-s x 0.0000133334 (VGMFG9KJ58Z2FK83) + 2M x 0.0000002 (D4TPQYY66DKTZWX9).
        #expect(line("graviton", "duration GB-seconds")?.monthlyCost.usd == "1.60")
        #expect(line("graviton", "requests")?.monthlyCost.usd == "0.40")
        #expect(lines.count == 8)
    }

    /// Provisioned concurrency serves its share of invocations at the provisioned duration price;
    /// the rest spill over (us-east-1 sheet prices).
    @Test func provisionedShareSplitsTheDuration() throws {
        let cost = try plan(
            """
            name: t
            region: us-east-1
            phases:
              - id: p
                resources:
                  - {id: f, type: lambda, requests: 10000000, duration_ms: 350, memory_mb: 512, provisioned_concurrency: 50, provisioned_hours: 100, provisioned_share: 0.75}
            """)
        let byComponent = Dictionary(uniqueKeysWithValues: cost.phases[0].lines.map { ($0.component, $0) })
        // 50 x 0.5 GB x 100 h x 3600 s = 9,000,000 GB-s x 0.0000041667 = 37.5003.
        #expect(byComponent["provisioned concurrency"]?.quantity == Quantity(9_000_000))
        #expect(byComponent["provisioned concurrency"]?.monthlyCost.usd == "37.50")
        // 7.5M x 0.35 s x 0.5 GB = 1,312,500 GB-s x 0.0000097222 = 12.7603875.
        #expect(byComponent["duration on provisioned concurrency"]?.quantity == Quantity(1_312_500))
        #expect(byComponent["duration on provisioned concurrency"]?.monthlyCost.usd == "12.76")
        // 2.5M spill over: 437,500 GB-s x 0.0000166667 = 7.29168125.
        #expect(byComponent["duration GB-seconds"]?.quantity == Quantity(437_500))
        #expect(byComponent["duration GB-seconds"]?.monthlyCost.usd == "7.29")
        #expect(byComponent["requests"]?.monthlyCost.usd == "2.00")
    }

    /// Memory and ephemeral storage outside what AWS accepts are errors at the value, naming the range.
    @Test func memoryAndStorageOutsideAWSLimitsAreRefused() throws {
        let error = try #require(
            planError(
                """
                name: t
                region: us-east-1
                phases:
                  - id: p
                    resources:
                      - id: f
                        type: lambda
                        requests: 1000
                        duration_ms: 100
                        memory_mb: 64
                        ephemeral_storage_mb: 20480
                  - id: q
                    resources:
                      - {id: g, type: lambda, duration_ms: 100, memory_mb: 1536.5}
                """))
        let text = error.description
        #expect(text.contains("t.yaml:11:"), "\(text)")
        #expect(text.contains("memory_mb 64 is not allowed: a whole number of MB from 128 to 10240"), "\(text)")
        #expect(text.contains("ephemeral_storage_mb 20480 is not allowed: a whole number of MB from 512 to 10240"), "\(text)")
        #expect(text.contains("memory_mb 1536.5 is not allowed"), "\(text)")
    }

    /// The arm64 provisioned-concurrency prices have no public source: the plan asks for AWS's
    /// own price list instead of guessing.
    @Test func armProvisionedConcurrencyNeedsThePriceList() throws {
        let error = try #require(
            planError(
                """
                name: t
                region: us-east-1
                phases:
                  - id: p
                    resources:
                      - {id: f, type: lambda, arch: arm, requests: 1000, duration_ms: 100, provisioned_concurrency: 1}
                """))
        #expect(error.description.contains("no price for 'lambda.provisioned_concurrency.arm' in us-east-1"), "\(error)")
        #expect(error.description.contains("catalog update --region us-east-1 --service AWSLambda"), "\(error)")
    }
}
