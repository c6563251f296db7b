import Analysis
import CostModel
import Foundation
import Reporting
import TestSupport
import Testing

/// Random valid scenarios: every total is the exact sum of its lines, every delta is the child
/// minus its parent, low ≤ expected ≤ high.
@Suite struct MoneyPropertyTests {
    static let templates: [(String, [String: ClosedRange<Int>])] = [
        ("ec2_instance\n        instance_type: t4g.medium", ["count": 1...5, "ebs_gb": 0...200, "public_ipv4": 0...2]),
        ("nat_gateway", ["count": 1...3, "gb_processed": 0...50_000]),
        ("vpc_endpoint_interface", ["endpoints": 1...10, "azs": 1...3, "gb_processed": 0...3_000_000]),
        ("s3", ["storage_gb": 0...900_000, "put_requests": 0...10_000_000, "get_requests": 0...100_000_000]),
        ("sqs", ["requests": 0...500_000_000]),
        ("waf", ["rules": 0...10, "requests": 0...100_000_000]),
        ("api_gateway\n        api: rest", ["requests": 0...2_000_000_000]),
        ("data_transfer", ["internet_out_gb": 0...200_000, "intra_region_gb": 0...10_000]),
        ("cloudwatch", ["alarms": 0...50, "logs_ingest_gb": 0...1000, "custom_metrics": 0...100]),
        ("fargate_service\n        vcpu: 0.5\n        memory_gb: 1", ["tasks": 1...10]),
    ]

    func value(_ range: ClosedRange<Int>, _ rng: inout SplitMix64) -> String {
        let a = Int.random(in: range, using: &rng)
        if Bool.random(using: &rng) { return String(a) }
        let b = Int.random(in: range, using: &rng)
        return "\(min(a, b))..\(max(a, b))"
    }

    func randomScenario(_ rng: inout SplitMix64) -> String {
        var yaml =
            "name: random\nregion: \(["eu-central-1", "us-east-1", "ap-southeast-2", "ap-southeast-1"].randomElement(using: &rng)!)\nphases:\n"
        var ids: [String] = []
        for phase in 0..<Int.random(in: 1...4, using: &rng) {
            yaml += "  - id: p\(phase)\n"
            yaml += phase == 0 ? "    resources:\n" : "    extends: p\(phase - 1)\n    add:\n"
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                let (type, params) = Self.templates.randomElement(using: &rng)!
                let id = "r\(ids.count)"
                ids.append(id)
                yaml += "      - id: \(id)\n        type: \(type)\n"
                for (k, r) in params.sorted(by: { $0.key < $1.key }) where Bool.random(using: &rng) {
                    yaml += "        \(k): \(value(r, &rng))\n"
                }
            }
        }
        return yaml
    }

    @Test func totalsAreExactSumsOfLines() throws {
        var rng = SplitMix64(state: 20_261_126)
        for _ in 0..<40 {
            let yaml = randomScenario(&rng)
            let cost = try plan(yaml)
            for (i, phase) in cost.phases.enumerated() {
                let sum = phase.lines.reduce(Int64(0)) { $0 + $1.monthlyCost.micros }
                #expect(phase.monthlyCost.micros == sum, "\(yaml)")
                #expect(phase.monthlyCost.micros % 10_000 == 0, "whole cents")
                #expect(phase.low <= phase.monthlyCost && phase.monthlyCost <= phase.high, "\(yaml)")
                for line in phase.lines {
                    #expect(line.low <= line.monthlyCost && line.monthlyCost <= line.high, "\(line)")
                }
                if i > 0 {
                    #expect(phase.delta == phase.monthlyCost - cost.phases[i - 1].monthlyCost)
                }
            }
            // The JSON says the same: parsed back, every phase total is the sum of its lines
            // and every delta the difference of the totals, to the cent.
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(PlanRenderer.json(cost).utf8)) as? [String: Any])
            let phases = try #require(json["phases"] as? [[String: Any]])
            func cents(_ v: Any?) -> Int64 {
                let s = v as? String ?? "x"
                let negative = s.hasPrefix("-")
                let parts = s.drop { $0 == "-" }.split(separator: ".")
                return (negative ? -1 : 1)
                    * ((Int64(parts.first ?? "") ?? Int64.min / 1000) * 100 + (Int64(parts.last ?? "") ?? 0))
            }
            for (i, p) in phases.enumerated() {
                let lines = try #require(p["lines"] as? [[String: Any]])
                #expect(cents(p["monthly_cost"]) == lines.reduce(0) { $0 + cents($1["monthly_cost"]) })
                #expect(cents(p["monthly_cost"]) * 10_000 == cost.phases[i].monthlyCost.micros)
                if i > 0 { #expect(cents(p["delta"]) == cents(p["monthly_cost"]) - cents(phases[i - 1]["monthly_cost"])) }
            }
        }
    }
}
