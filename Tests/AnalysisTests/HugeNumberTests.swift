import Analysis
import CostModel
import Foundation
import Scenarios
import TestSupport
import Testing

/// Random numbers up to the parser's limit (9000000000000) in every place a scenario takes
/// one, through check, plan, finance, sweep, simulate and budget check: each either works with
/// totals inside the limits or ends with the "exceeds the largest amount" input error, never a
/// trap. A failing case replays from its seed.
@Suite struct HugeNumberTests {
    /// A number from 0 to 9000000000000 whose digit count is uniform in 1...`most`.
    static func number(_ rng: inout SplitMix64, digits most: UInt64) -> UInt64 {
        let digits = Int(rng.next() % most) + 1
        var bound: UInt64 = 1
        for _ in 0..<digits { bound *= 10 }
        return min(rng.next() % bound, 9_000_000_000_000)
    }

    /// A scenario with random numbers of up to 13 digits, or 7 when `modest` (so that some plan).
    static func scenario(_ rng: inout SplitMix64, modest: Bool) -> String {
        var n: [UInt64] = (0..<9).map { _ in number(&rng, digits: modest ? 7 : 13) }
        if n[0] > n[1] { n.swapAt(0, 1) }
        n[5] = max(1, n[5])  // tenants
        return """
            name: huge
            region: eu-central-1
            usage:
              gb: {value: \(n[0])..\(n[1]), unit: GB}
            phases:
              - id: base
                starts: 2027-01
                resources:
                  - {id: app, type: ec2_instance, instance_type: t4g.medium, count: \(n[2])}
                  - {id: api, type: fargate_service, vcpu: 0.25, memory_gb: 0.5, tasks: \(n[3])}
                  - {id: nat, type: nat_gateway, gb_processed: $gb}
                  - {id: dr, type: fixed, monthly: \(n[4]), source: hand estimate}
              - id: tenants
                extends: base
                starts: +3
                tenants: \(n[5])
                per_tenant:
                  - {id: worker, type: ec2_instance, instance_type: t4g.medium, count: \(n[6] % 1_000)}
            budgets:
              - name: monthly
                amount: \(n[7])
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: \(n[8])}
            """
    }

    /// Runs `body`; a thrown error must be a data error saying a number is too large.
    static func refusedOrDone<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as UserError {
            #expect(error.status == .dataError, "\(error)")
            #expect(error.description.contains("exceeds the largest amount orcha-cost can represent"), "\(error)")
            return nil
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func randomHugeNumbersNeverTrap() throws {
        let dir = TempDir()
        var refused = 0
        var planned = 0
        for seed in UInt64(1)...60 {
            var rng = SplitMix64(state: seed)
            let path = dir.write("huge-\(seed).yaml", Self.scenario(&rng, modest: seed.isMultiple(of: 2)))
            var engine = Engine(catalog: try dir.catalog())
            guard Self.refusedOrDone({ try engine.check(path: path) }) != nil else {
                refused += 1
                // plan refuses what check refused.
                #expect(Self.refusedOrDone { try engine.plan(path: path) } == nil, "seed \(seed)")
                continue
            }
            planned += 1
            let cost = try engine.plan(path: path)
            for phase in cost.phases {
                #expect(phase.high <= Money.largest, "seed \(seed)")
                #expect(phase.monthlyCost <= phase.high, "seed \(seed)")
            }
            let (scenario, _) = try engine.validate(path: path)
            let timeline = try Timeline.build(scenario, start: nil, months: nil)
            let rows = Finance.rows(cost, timeline)
            // Every month's effective cost adds up to its phase's total to the cent.
            for (month, id) in zip(timeline.months, timeline.phases) {
                let total = rows.filter { $0.month == month }.reduce(Money.zero) { $0 + $1.effective }
                #expect(total == cost.phases.first { $0.id == id }!.monthlyCost, "seed \(seed) \(month)")
            }
            _ = Self.refusedOrDone {
                try engine.sweep(
                    path: path, variation: try Variation("gb=0..9000000000000:1000000000000"), overrides: try Overrides([]),
                    phases: [])
            }
            _ = Self.refusedOrDone {
                try engine.simulate(path: path, samples: 200, seed: seed, overrides: try Overrides([]))
            }
            if let alarms = Self.refusedOrDone({ try engine.checkBudgets(path: path, phases: [], overrides: try Overrides([])) })
            {
                #expect(alarms.count == 2, "seed \(seed)")
            }
        }
        // Both outcomes occur, so both paths were exercised.
        #expect(refused >= 10)
        #expect(planned >= 5)
    }
}
