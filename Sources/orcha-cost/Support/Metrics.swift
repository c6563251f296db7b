import CostModel
import DataStore
import Metrics
import Pricing
import Scenarios

/// The metrics a scenario's triggers read, and the time to evaluate them at: from `files` when
/// given (at `at`, or the newest datapoint), else from the data store, where only the metrics
/// the triggers name are read (at `at`, or the newest datapoint stored).
func loadMetrics(_ files: [String], at: Int64?, scenario: String, data: String?, pricing: String?) throws -> (
    MetricStore, now: Int64?
) {
    var store = MetricStore()
    guard files.isEmpty else {
        for path in files { try store.load(path: path) }
        return (store, at)
    }
    let named = Set(try ScenarioLoader.load(path: scenario).phases.flatMap { $0.triggers?.indicators.map(\.metric) ?? [] })
    let path = try ProjectPaths.dataPath(option: data, pricingOption: pricing)
    let stored = try DataStore(path: path, create: false)
    guard let newest = try stored.newestMetricTime() else {
        throw UserError(
            path: path, "the data store holds no metrics",
            hint: "import them (orcha-cost metrics import FILE...) or give them with --metrics FILE", status: .noInput)
    }
    return (try stored.loadMetrics(named: named), at ?? newest)
}
