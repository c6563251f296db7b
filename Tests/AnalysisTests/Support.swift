import Analysis
import CostModel
import Foundation
import Pricing
import Scenarios
import TestSupport
import Testing

/// An engine on a fresh catalog of the shipped sheets (tests run in parallel; SQLite
/// connections are not shared between them).
func withEngine<T>(_ body: (inout Engine) throws -> T) throws -> T {
    let dir = TempDir()
    var engine = Engine(catalog: try dir.catalog())
    return try withExtendedLifetime(dir) { try body(&engine) }
}

func plan(_ yaml: String, path: String = "t.yaml") throws -> ScenarioCost {
    try withEngine { try $0.plan(try ScenarioLoader.parse(yaml, path: path)) }
}

func planShipped(_ name: String) throws -> ScenarioCost {
    try withEngine { try $0.plan(path: Fixtures.root + "/scenarios/\(name).yaml") }
}

func planError(_ yaml: String) -> UserError? {
    do {
        _ = try plan(yaml)
        return nil
    } catch let e as UserError {
        return e
    } catch {
        Issue.record("unexpected \(error)")
        return nil
    }
}

extension Money {
    var usd: String { formatted(decimals: 2) }
}

/// A seed's "≈ X" figure: rounded by hand, so ours may differ by up to 15%.
func approximately(_ ours: Money, _ seed: Double) -> Bool {
    let value = Double(ours.micros) / 1e6
    return abs(value - seed) <= seed * 0.15
}

/// Our low..high range and a seed's range have a point in common.
func overlaps(_ low: Money, _ high: Money, _ seedLow: Double, _ seedHigh: Double) -> Bool {
    Double(low.micros) / 1e6 <= seedHigh && Double(high.micros) / 1e6 >= seedLow
}
