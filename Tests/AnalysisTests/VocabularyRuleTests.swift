import Analysis
import CostModel
import Pricing
import Scenarios
import TestSupport
import Testing

/// EFS, EKS, Step Functions, EventBridge, KMS, CloudTrail and Parameter Store (issue 13).
@Suite struct VocabularyRuleTests {
    func lines(_ region: String, _ resources: String) throws -> [String: CostLine] {
        let cost = try plan("name: t\nregion: \(region)\nphases:\n  - id: p\n    resources:\n" + resources)
        return Dictionary(uniqueKeysWithValues: cost.phases[0].lines.map { ("\($0.resource)/\($0.component)", $0) })
    }

    /// Express executions are billed in 100 ms steps and 64 MB chunks.
    @Test func expressDurationRoundsUpLikeAWS() throws {
        let l = try lines(
            "us-east-1",
            "      - {id: x, type: step_functions, workflow: express, requests: 1000000, duration_ms: 130, memory_mb: 70}\n")
        // 1M x 0.2 s x 0.125 GB = 25,000 GB-s x 0.00001667 = 0.41675.
        #expect(l["x/duration GB-seconds"]?.quantity == Quantity(25_000))
        #expect(l["x/duration GB-seconds"]?.monthlyCost.usd == "0.42")
        #expect(l["x/requests"]?.monthlyCost.usd == "1.00")
    }

    /// Standard transitions in Frankfurt come from the AWS pricing page's own table (sheet, not proxy).
    @Test func standardTransitionsHaveTheirRegionsOwnPrice() throws {
        let l = try lines("eu-central-1", "      - {id: s, type: step_functions, transitions: 10000}\n")
        let line = try #require(l["s/state transitions"])
        #expect(line.monthlyCost.usd == "0.25")  // infracost golden 'standard': 10 x 1K transitions $0.25
        #expect(line.priceQuality == .sheet)
        let kms = try lines("eu-central-1", "      - {id: k, type: kms, keys: 2}\n")
        #expect(kms["k/customer managed keys"]?.priceQuality == .proxy)
    }

    @Test func efsClassesAndProvisionedThroughput() throws {
        let l = try lines(
            "us-east-1",
            """
                  - {id: shared, type: efs, storage_gb: 230, ia_storage_gb: 100, ia_read_gb: 50, ia_write_gb: 100}
                  - {id: fast, type: efs, storage_gb: 230, provisioned_throughput_mbps: 100}
                  - {id: small, type: efs, storage_gb: 4096, provisioned_throughput_mbps: 150}
                  - {id: zone, type: efs, availability: one_zone, storage_gb: 100, ia_storage_gb: 1000}

            """)
        // infracost golden efs_file_system_test: $69.00 + $2.50 + $0.50 + $1.00; provisioned 100 MB/s
        // on 230 GB: $531.00 there (a baseline of 0.05 MB/s per GB); AWS's 50 KiB/s per GiB leaves
        // 100 - 230 x 50 / 1024 = 88.769531 MB/s x $6.00 = $532.62.
        #expect(l["shared/standard storage"]?.monthlyCost.usd == "69.00")
        #expect(l["shared/standard IA storage"]?.monthlyCost.usd == "2.50")
        #expect(l["shared/IA data read"]?.monthlyCost.usd == "0.50")
        #expect(l["shared/IA data written"]?.monthlyCost.usd == "1.00")
        #expect(l["fast/provisioned throughput (MB/s-months)"]?.monthlyCost.usd == "532.62")
        // 4 TiB of storage already gives 200 MiB/s: 150 provisioned bills nothing, so no line.
        #expect(l["small/standard storage"]?.monthlyCost.usd == "1228.80")
        #expect(l["small/provisioned throughput (MB/s-months)"] == nil)
        #expect(l["zone/one_zone storage"]?.monthlyCost.usd == "16.00")  // 100 x 0.16
        #expect(l["zone/one_zone IA storage"]?.monthlyCost.usd == "13.30")  // 1000 x 0.0133
    }

    @Test func eksStandardSupportAndHoursPerDay() throws {
        let l = try lines(
            "us-east-1", "      - {id: a, type: eks_cluster}\n      - {id: b, type: eks_cluster, count: 2, hours_per_day: 12}\n")
        #expect(l["a/cluster hours"]?.monthlyCost.usd == "73.00")
        #expect(l["b/cluster hours"]?.quantity == Quantity(730))
        #expect(l["b/cluster hours"]?.monthlyCost.usd == "73.00")
    }

    @Test func kmsCloudTrailEventBridgeAndParameterStoreByKind() throws {
        let l = try lines(
            "ap-southeast-2",
            """
                  - {id: k, type: kms, keys: 1, rsa2048_requests: 100000, asymmetric_requests: 100000, ecc_key_pair_requests: 10000}
                  - {id: t, type: cloudtrail, additional_management_events: 100000, data_events: 100000}
                  - {id: e, type: eventbridge, custom_events: 1000000}
                  - {id: s, type: ssm_parameter, advanced_parameters: 1, api_interactions: 10000}

            """)
        #expect(l["k/customer managed keys"]?.monthlyCost.usd == "1.00")
        #expect(l["k/RSA 2048 requests"]?.monthlyCost.usd == "0.30")
        #expect(l["k/asymmetric requests"]?.monthlyCost.usd == "1.50")
        #expect(l["k/ECC GenerateDataKeyPair requests"]?.monthlyCost.usd == "0.10")
        #expect(l["t/management events (additional copies)"]?.monthlyCost.usd == "2.00")
        #expect(l["t/data events"]?.monthlyCost.usd == "0.10")
        #expect(l["e/custom events"]?.monthlyCost.usd == "1.00")
        #expect(l["s/advanced parameters"]?.monthlyCost.usd == "0.05")
        #expect(l["s/higher-throughput API interactions"]?.monthlyCost.usd == "0.05")
        #expect(l.values.allSatisfy { $0.priceQuality == .proxy })
    }
}
