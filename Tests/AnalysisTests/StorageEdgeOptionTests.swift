import Analysis
import CostModel
import Pricing
import Scenarios
import TestSupport
import Testing

/// EBS volume types and their limits, CloudFront's eight edge areas with all tiers, Route 53
/// latency and geo queries, AWS Private CA, Dedicated Hosts and API Gateway cache checks.
@Suite struct StorageEdgeOptionTests {
    func scenario(_ region: String, _ resources: String) -> String {
        "name: t\nregion: \(region)\nphases:\n  - id: p\n    resources:\n" + resources
    }

    func monthly(_ region: String, _ resources: String) throws -> [String: String] {
        let cost = try plan(scenario(region, resources))
        return Dictionary(
            uniqueKeysWithValues: cost.phases[0].lines.map { ("\($0.resource) \($0.component)", $0.monthlyCost.usd) })
    }

    @Test func ebsVolumeTypesStorageIOPSAndThroughput() throws {
        let m = try monthly(
            "us-east-1",
            """
                  - {id: db, type: ebs_volume, count: 2, volume_type: io2, size_gb: 1000, iops: 4000}
                  - {id: old, type: ebs_volume, volume_type: io1, size_gb: 100, iops: 5000}
                  - {id: fast, type: ebs_volume, size_gb: 100, iops: 6000, throughput: 250}
                  - {id: base, type: ebs_volume, size_gb: 100, iops: 3000, throughput: 125}
                  - {id: logs, type: ebs_volume, volume_type: st1, size_gb: 500}
                  - {id: cold, type: ebs_volume, volume_type: sc1, size_gb: 500}
                  - {id: boot, type: ebs_volume, volume_type: gp2, size_gb: 100}

            """)
        #expect(m["db io2 storage"] == "250.00")  // 2 × 1000 GB × 0.125
        #expect(m["db io2 provisioned IOPS"] == "520.00")  // 2 × 4000 × 0.065
        #expect(m["old io1 storage"] == "12.50")  // 100 × 0.125
        #expect(m["old io1 provisioned IOPS"] == "325.00")  // 5000 × 0.065
        #expect(m["fast gp3 storage"] == "8.00")  // 100 × 0.08
        #expect(m["fast gp3 IOPS above 3,000"] == "15.00")  // 3000 × 0.005
        #expect(m["fast gp3 throughput above 125 MiB/s"] == "5.00")  // 125 × 0.04
        // The baseline is included: no IOPS or throughput line.
        #expect(m["base gp3 storage"] == "8.00")
        #expect(m["base gp3 IOPS above 3,000"] == nil)
        #expect(m["logs st1 storage"] == "22.50")  // 500 × 0.045
        #expect(m["cold sc1 storage"] == "7.50")  // 500 × 0.015
        #expect(m["boot gp2 storage"] == "10.00")  // 100 × 0.1
        #expect(m.count == 11)
    }

    @Test func ebsLimitsAreAWSsAndPointAtTheValue() throws {
        let error = try #require(
            planError(
                scenario(
                    "us-east-1",
                    """
                          - {id: a, type: ebs_volume, size_gb: 70000}
                          - {id: b, type: ebs_volume, volume_type: io1, size_gb: 100}
                          - {id: c, type: ebs_volume, volume_type: io1, size_gb: 50, iops: 5000}
                          - {id: d, type: ebs_volume, volume_type: st1, size_gb: 100, iops: 500}
                          - {id: e, type: ebs_volume, volume_type: gp2, size_gb: 100, throughput: 250}
                          - {id: f, type: ebs_volume, size_gb: 100, throughput: 1000}
                          - {id: g, type: ebs_volume, volume_type: io2, size_gb: 100, iops: 300000}

                    """)))
        let text = error.description
        for expected in [
            "t.yaml:6:44: error: gp3 volumes are 1 to 65536 GiB (AWS EC2 API Reference, CreateVolume)",
            "t.yaml:7:48: error: io1 volumes need 'iops' (100 to 64000, AWS EC2 API Reference, CreateVolume)",
            "t.yaml:8:72: error: io1 takes at most 50 IOPS per GiB of size (AWS EC2 API Reference, CreateVolume)",
            "t.yaml:9:62: error: st1 volumes are 125 to 16384 GiB (AWS EC2 API Reference, CreateVolume)",
            "t.yaml:9:73: error: 'iops' is provisioned only on gp3, io1 and io2 volumes, not st1",
            "t.yaml:10:79: error: 'throughput' is provisioned only on gp3 volumes, not gp2",
            "t.yaml:11:61: error: gp3 takes at most 0.25 MiB/s per provisioned IOPS (AWS EC2 API Reference, CreateVolume)",
            "t.yaml:12:73: error: io2 takes 100 to 256000 IOPS (AWS EC2 API Reference, CreateVolume)",
        ] {
            #expect(text.contains(expected), "\(expected)\n\(text)")
        }
    }

    @Test func cloudFrontEuropeAbove50TBTakesTheLaterTiers() throws {
        // 100 TB: 10 TB × 0.085 + 40 TB × 0.08 + 50 TB × 0.06 (before: 90 TB at 0.08 = $8,243.20).
        let m = try monthly("eu-central-1", "      - {id: cdn, type: cloudfront, area: eu, data_out_gb: 102400}\n")
        #expect(m["cdn data out"] == "7219.20")
    }

    @Test func cloudFrontTakesEveryEdgeArea() throws {
        // 6 PB from each area crosses all seven tiers; the sums below are the sheet tiers exactly.
        let areas: [(String, String)] = [
            ("us", "166553.60"), ("eu", "166553.60"), ("au", "536473.60"), ("apac", "446750.72"),
            ("japan", "443166.72"), ("india", "473589.76"), ("south_america", "327168.00"),
            ("middle_east", "327168.00"),
        ]
        let resources = areas.map { "      - {id: \($0.0), type: cloudfront, area: \($0.0), data_out_gb: 6291456}\n" }.joined()
        let m = try monthly("us-east-1", resources)
        for (area, want) in areas {
            #expect(m["\(area) data out"] == want, "\(area)")
        }
        let requests = try monthly(
            "us-east-1",
            "      - {id: sa, type: cloudfront, area: south_america, https_requests: 1000000, http_requests: 1000000}\n")
        #expect(requests["sa HTTPS requests"] == "2.20")  // $0.022 per 10k
        #expect(requests["sa HTTP requests"] == "1.60")  // $0.016 per 10k
    }

    @Test func route53LatencyAndGeoQueries() throws {
        // infracost golden route53_record_test: latency 1.2B = $600 + $60, geo 1.5B = $700 + $175.
        let m = try monthly(
            "eu-central-1",
            "      - {id: dns, type: route53, latency_queries: 1200000000, geo_queries: 1500000000}\n")
        #expect(m["dns latency-based queries"] == "660.00")
        #expect(m["dns geo DNS queries"] == "875.00")
        #expect(m["dns hosted zones"] == "0.50")
    }

    @Test func privateCAShortLivedMode() throws {
        // infracost golden: short-lived CA $50.00, 20,001 certificates at $0.058 = $1,160.06.
        let m = try monthly(
            "us-east-1", "      - {id: ca, type: acm_private_ca, mode: short_lived, certificates: 20001}\n")
        #expect(m["ca private CAs"] == "50.00")
        #expect(m["ca certificates issued"] == "1160.06")
    }

    @Test func dedicatedHostsByFamily() throws {
        let cost = try plan(scenario("eu-central-1", "      - {id: mac, type: ec2_dedicated_host, host_family: mac1}\n"))
        let line = try #require(cost.phases[0].lines.first)
        #expect(line.monthlyCost.usd == "790.59")  // 730 × 1.083, the us-east-1 price
        #expect(line.priceQuality == .proxy)
        let error = try #require(
            planError(scenario("us-east-1", "      - {id: h, type: ec2_dedicated_host, host_family: c5.18xlarge}\n")))
        #expect(
            error.description.contains(
                "t.yaml:6:56: error: 'c5.18xlarge' is an instance type: a Dedicated Host is priced by family ('c5')"),
            "\(error)")
    }

    @Test func apiGatewayCacheSizesAreAWSs() throws {
        // The 1.6 GB cache is the Price List's 1.55GB product (us-east-1: eu-west-2 proxy).
        let m = try monthly("us-east-1", "      - {id: api, type: api_gateway, cache_gb: 1.6}\n")
        #expect(m["api 1.6 GB cache hours"] == "27.74")  // 730 × 0.038
        let error = try #require(
            planError(
                scenario(
                    "us-east-1",
                    """
                          - {id: api, type: api_gateway, api: http, cache_gb: 0.5}
                          - {id: big, type: api_gateway, cache_gb: 64}

                    """)))
        #expect(
            error.description.contains("t.yaml:6:59: error: API caching is a REST API feature: an HTTP API has no cache"),
            "\(error)")
        #expect(
            error.description.contains(
                "t.yaml:7:48: error: API Gateway caches are 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237 GB, not 64"),
            "\(error)")
    }
}
