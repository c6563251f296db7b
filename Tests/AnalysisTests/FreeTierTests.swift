import Analysis
import CostModel
import Foundation
import Pricing
import Scenarios
import TestSupport
import Testing

/// AWS's always-free allowances: once per scenario, as credit lines, never per resource.
@Suite struct FreeTierTests {
    /// The new user's system of issue 13: a Lambda thumbnailer, a DynamoDB table, CloudFront, SQS and
    /// egress.
    static func scenario(_ freeTier: String?) -> String {
        """
        name: New user web app
        region: us-east-1
        \(freeTier.map { "free_tier: \($0)" } ?? "")
        phases:
          - id: mvp
            name: MVP
            resources:
              - {id: thumbs, type: lambda, requests: 3000000, duration_ms: 1000, memory_mb: 512}
              - {id: sessions, type: dynamodb, write_request_units: 2000000, read_request_units: 10000000, storage_gb: 40}
              - {id: cdn, type: cloudfront, area: us, data_out_gb: 1500, https_requests: 5000000}
              - {id: jobs, type: sqs, requests: 400000}
              - {id: more-jobs, type: sqs, requests: 900000}
              - {id: egress, type: data_transfer, internet_out_gb: 50..200}
        """
    }

    @Test func offByDefaultEveryUnitIsCharged() throws {
        let off = try plan(Self.scenario(nil))
        let explicit = try plan(Self.scenario("none"))
        #expect(off.phases[0].monthlyCost == explicit.phases[0].monthlyCost)
        #expect(!off.phases[0].lines.contains { $0.type == "free_tier" })
        // 0.60 + 25.00 Lambda, 1.25 + 1.25 + 10.00 DynamoDB (2M WRU, 10M RRU, 40 GB), 127.50 + 5.00
        // CloudFront, 0.16 + 0.36 SQS, 11.25 egress (125 GB x 0.09)
        #expect(off.phases[0].monthlyCost.usd == "182.37")
    }

    @Test func alwaysFreeCreditsEachAllowanceOnceAcrossResources() throws {
        let cost = try plan(Self.scenario("always_free"))
        let phase = cost.phases[0]
        func credit(_ key: String) -> CostLine? { phase.lines.first { $0.priceKey == key } }
        // Lambda: 1M of 3M requests (0.20) and 400,000 of 1,500,000 GB-s (6.67), as AWS's own
        // example counts them ($18.74 there at the rounded rate $0.00001667).
        #expect(credit("lambda.free_tier.requests")?.monthlyCost.usd == "-0.20")
        #expect(credit("lambda.free_tier.duration")?.monthlyCost.usd == "-6.67")
        #expect(phase.byService.first { $0.service == "AWSLambda" }?.cost.usd == "18.73")
        // CloudFront: the first 1 TB (1024 GB x 0.085) and all 5M requests.
        #expect(credit("cloudfront.free_tier.data_out")?.monthlyCost.usd == "-87.04")
        #expect(credit("cloudfront.free_tier.requests")?.monthlyCost.usd == "-5.00")
        // SQS: one allowance of 1M for both queues (400k + 600k of 900k), never 1M each.
        let sqs = try #require(credit("sqs.free_tier.requests"))
        #expect(sqs.quantity == Quantity(1_000_000))
        #expect(sqs.monthlyCost.usd == "-0.40")
        // DynamoDB: 25 of the 40 GB stored (the on-demand requests have no always-free allowance).
        #expect(credit("dynamodb.free_tier.storage")?.monthlyCost.usd == "-6.25")
        #expect(phase.byService.first { $0.service == "AmazonDynamoDB" }?.cost.usd == "6.25")
        #expect(phase.lines.filter { $0.type == "free_tier" }.count == 7)
        // Egress 50..200 GB against 100 GB free: the credit follows the range.
        let egress = try #require(credit("data_transfer.free_tier.out"))
        #expect(egress.monthlyCost.usd == "-9.00")  // 100 of the expected 125 GB
        #expect(egress.low.usd == "-4.50")  // all of the low 50 GB
        #expect(egress.high.usd == "-9.00")
        #expect(phase.monthlyCost.usd == "67.81")  // 182.37 - 114.56
        #expect(egress.priceSource.contains("PB257JUQ8U6E6UPM"))
    }

    @Test func theOptionIsCheckedAndCanBeSetOnTheCommandLine() throws {
        let error = try #require(planError(Self.scenario("always")))
        #expect(error.description.contains("free_tier"), "\(error)")
        #expect(error.description.contains("always_free"), "\(error)")
    }
}
