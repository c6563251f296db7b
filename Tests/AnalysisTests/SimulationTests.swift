import Analysis
import CostModel
import TestSupport
import Testing

func simulate(_ path: String, samples: Int = 20_000, seed: UInt64 = 42, set: [String] = []) throws -> SimulationResult {
    try withEngine { try $0.simulate(path: path, samples: samples, seed: seed, overrides: try Overrides(set)) }
}

@Suite struct SimulationTests {
    static let scenarios = ["orcha", "quoting-app", "code-refactor", "media-gpu"]

    @Test(arguments: scenarios)
    func p50LiesWithinEveryPhasesRange(name: String) throws {
        let r = try simulate(Fixtures.root + "/scenarios/\(name).yaml")
        for p in r.phases {
            #expect(p.low <= p.p10 && p.p10 <= p.p50 && p.p50 <= p.p90 && p.p90 <= p.high, "\(name) \(p.id)")
        }
    }

    @Test func sameSeedSameNumbersBitForBit() throws {
        let path = Fixtures.root + "/scenarios/quoting-app.yaml"
        let a = try simulate(path, samples: 30_000, seed: 7)
        let b = try simulate(path, samples: 30_000, seed: 7)
        let c = try simulate(path, samples: 30_000, seed: 8)
        func summary(_ r: SimulationResult) -> [String] {
            r.phases.map { "\($0.id) \($0.p10.micros) \($0.p50.micros) \($0.p90.micros) \($0.mean.micros)" }
        }
        #expect(summary(a) == summary(b))
        #expect(a.variables == b.variables)
        #expect(summary(a) != summary(c))
    }

    @Test func driversAreTheLowToHighSwings() throws {
        let orcha = try simulate(Fixtures.root + "/scenarios/orcha.yaml")
        let nat = try #require(orcha.phases.first { $0.id == "nat" })
        // nat_gb 0..200 GB × $0.052
        #expect(nat.drivers.first.map { "\($0.label) \($0.swing.usd)" } == "$nat_gb 10.40")
        let quoting = try simulate(Fixtures.root + "/scenarios/quoting-app.yaml")
        let v2 = try #require(quoting.phases.first { $0.id == "v2.0" })
        // a db.t4g.medium read replica: 730 h × $0.102 + 20 GB × $0.115
        #expect(v2.drivers.first.map { "\($0.label) \($0.swing.usd)" } == "$read_replicas 76.76")
    }

    /// A log-normal input with median 200 GB and P90 800 GB through a NAT gateway
    /// (eu-central-1: $37.96 + $0.052/GB): cost P50 ≈ 37.96 + 10.40, P90 ≈ 37.96 + 41.60.
    @Test func distributionsShapeTheSamples() throws {
        let dir = TempDir()
        let path = dir.write(
            "dist.yaml",
            """
            name: dist
            region: eu-central-1
            usage:
              gb: {value: 0..100000, unit: GB, distribution: lognormal, p50: 200, p90: 800}
              t: {value: 0..100, unit: GB, distribution: triangular, mode: 10}
            phases:
              - id: p
                resources:
                  - {id: nat, type: nat_gateway, gb_processed: $gb}
              - id: q
                resources:
                  - {id: nat, type: nat_gateway, gb_processed: $t}
            """)
        let r = try simulate(path, samples: 100_000)
        let p = r.phases[0]
        #expect(abs(Double(p.p50.micros) / 1e6 - 48.36) < 0.5, "\(p.p50)")
        #expect(abs(Double(p.p90.micros) / 1e6 - 79.56) < 1.5, "\(p.p90)")
        // Triangular(0, 10, 100): mean (0 + 10 + 100) / 3 = 36.67 GB → $37.96 + $1.91
        let q = r.phases[1]
        #expect(abs(Double(q.mean.micros) / 1e6 - 39.87) < 0.05, "\(q.mean)")
    }

    @Test func badDistributionsAreInputErrors() throws {
        let dir = TempDir()
        let path = dir.write(
            "bad.yaml",
            """
            name: bad
            region: eu-central-1
            usage:
              a: {value: 0..10, unit: GB, distribution: lognormal}
              b: {value: 0..10, unit: GB, distribution: gaussian}
              c: {value: 0..10, unit: GB, distribution: triangular, mode: 20}
            phases:
              - id: p
            """)
        let error = try #require(throws: UserError.self) { _ = try simulate(path) }
        let lines = error.description.split(separator: "\n").filter { !$0.hasPrefix("  hint") }.map {
            String($0.dropFirst(path.count))
        }
        #expect(
            lines == [
                ":4:6: error: a lognormal usage input needs p50 and p90",
                ":5:45: error: unknown distribution 'gaussian'",
                ":6:63: error: mode of 'c' (20) is outside its value 0..10",
            ], "\(error)")
    }
}
