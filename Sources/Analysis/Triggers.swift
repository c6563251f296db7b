import CostModel
import Foundation
import Metrics

/// How values show in evidence and output: whole numbers plainly, others with 2 decimals.
public enum TriggerValue {
    public static func text(_ v: Double) -> String {
        guard v.isFinite else { return "-" }
        return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.2f", v)
    }

    /// A value as a JSON number; `null` for a missing or non-finite one (JSON has no inf or nan).
    public static func json(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "null" }
        return text(v)
    }
}

public enum TriggerEvaluation {
    static func window(_ seconds: Int64) -> String {
        seconds % 86_400 == 0 ? "\(seconds / 86_400)d" : seconds % 3600 == 0 ? "\(seconds / 3600)h" : "\(seconds / 60)m"
    }

    /// Evaluates one indicator at `now` (windows are `(now − window, now]`).
    public static func evaluate(_ i: Indicator, _ store: MetricStore, now: Int64) -> IndicatorResult {
        guard let s = store.series[i.metric], !s.times.isEmpty else {
            return IndicatorResult(indicator: i, state: .unknown, value: nil, evidence: "no data for \(i.metric)")
        }
        func result(_ v: Double, _ evidence: String) -> IndicatorResult {
            // Readers bound every value (``MetricStore/largestValue``), so sums stay finite; a
            // store filled by an older version might not have been: never compare or print inf.
            guard v.isFinite else {
                return IndicatorResult(
                    indicator: i, state: .unknown, value: nil,
                    evidence: "the values of \(i.metric) overflow (a value beyond 10^15?); re-import the metrics")
            }
            return IndicatorResult(
                indicator: i, state: i.comparison.holds(v, i.threshold) ? .met : .notMet, value: v, evidence: evidence)
        }
        /// Index range of the points in (from, to].
        func range(_ from: Int64, _ to: Int64) -> Range<Int> {
            func firstAfter(_ t: Int64) -> Int {
                var lo = 0
                var hi = s.times.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if s.times[mid] <= t { lo = mid + 1 } else { hi = mid }
                }
                return lo
            }
            return firstAfter(from)..<firstAfter(to)
        }
        switch i.kind {
        case .aggregate(let f, let window):
            let start = window.map { now - $0 } ?? Int64.min
            let r = range(start, now)
            let span = window.map { "over \(TriggerEvaluation.window($0))" } ?? "in all data"
            let values = s.values[r]
            let points = "\(values.count) datapoint\(values.count == 1 ? "" : "s") \(span)"
            if f == .count || f == .sum || f == .monthly {
                // Totals: no datapoints in a covered window is a real zero. When the series starts
                // inside the window, more data could only add, so only a total already past a
                // `>`/`>=` threshold is known.
                let v = f == .count ? Double(values.count) : values.reduce(0, +)
                let known = result(v, "\(f.rawValue) = \(TriggerValue.text(v)) from \(points)")
                let partial = window.map { s.times[0] > now - $0 } ?? false
                if partial && !(known.state == .met && (i.comparison == .greater || i.comparison == .greaterOrEqual)) {
                    return IndicatorResult(
                        indicator: i, state: .unknown, value: nil,
                        evidence:
                            "\(f.rawValue) = \(TriggerValue.text(v)) so far, but \(i.metric) starts inside the window \(span)")
                }
                return known
            }
            guard !values.isEmpty else {
                return IndicatorResult(indicator: i, state: .unknown, value: nil, evidence: "no datapoints \(span)")
            }
            let v = aggregate(f, values)
            return result(v, "\(f.rawValue) = \(TriggerValue.text(v)) from \(points)")
        case .sustained(let m, let n, let period):
            var breaching = 0
            var missing = 0
            var marks: [String] = []
            for k in (0..<n).reversed() {
                let r = range(now - Int64(k + 1) * period, now - Int64(k) * period)
                if r.isEmpty {
                    missing += 1
                    marks.append("-")
                    continue
                }
                let avg = s.values[r].reduce(0, +) / Double(r.count)
                let breach = i.comparison.holds(avg, i.threshold)
                if breach { breaching += 1 }
                marks.append(TriggerValue.text(avg) + (breach ? "*" : ""))
            }
            let evidence =
                "\(breaching) of the last \(n) periods of \(window(period)) past \(TriggerValue.text(i.threshold))"
                + (missing > 0 ? ", \(missing) without data" : "") + " (averages, oldest first: \(marks.joined(separator: " ")))"
            let state: IndicatorResult.State = breaching >= m ? .met : breaching + missing < m ? .notMet : .unknown
            return IndicatorResult(indicator: i, state: state, value: Double(breaching), evidence: evidence)
        case .daily(let f, let share, let percent, let days):
            // Each of the last `days` 24-hour periods ending at `now`; a day without datapoints
            // is unknown, so the share is known only when every way the missing days could go
            // gives the same answer.
            var met = 0
            var withData = 0
            for k in 0..<days {
                let r = range(now - Int64(k + 1) * 86_400, now - Int64(k) * 86_400)
                if r.isEmpty { continue }
                withData += 1
                if i.comparison.holds(aggregate(f, s.values[r]), i.threshold) { met += 1 }
            }
            let missing = days - withData
            // Compared in whole numbers: 100 × days met against P × days (5 of 14 is 500 >= 420).
            let outcomes = Set((met...(met + missing)).map { share.holds(Double($0 * 100), percent * Double(days)) })
            let state: IndicatorResult.State = outcomes.count == 2 ? .unknown : outcomes.first! ? .met : .notMet
            let value = Double(met) * 100 / Double(days)
            let evidence =
                "\(met) of \(days) days with \(f.rawValue) \(i.comparison.rawValue) \(TriggerValue.text(i.threshold)) "
                + "(\(String(format: "%.1f", value))%, needs \(share.rawValue) \(TriggerValue.text(percent))%); "
                + (missing == 0 ? "every day has data" : "\(withData) of \(days) days have data")
            return IndicatorResult(indicator: i, state: state, value: (value * 10).rounded() / 10, evidence: evidence)
        }
    }

    /// A function of a window's values (not empty).
    static func aggregate(_ f: Indicator.Function, _ values: ArraySlice<Double>) -> Double {
        switch f {
        case .latest: return values.last!
        case .min: return values.min()!
        case .max: return values.max()!
        case .avg: return values.reduce(0, +) / Double(values.count)
        case .p95:
            let sorted = values.sorted()
            return sorted[max(0, Int((0.95 * Double(sorted.count)).rounded(.up)) - 1)]
        case .sum, .monthly: return values.reduce(0, +)
        case .count: return Double(values.count)
        }
    }
}

extension Engine {
    /// Every phase with triggers, evaluated on the metrics at `now` (default: the newest
    /// datapoint). A metric an indicator names that is missing but close to one that is present
    /// is taken for a typo (exit 65 with a did-you-mean); otherwise it is unknown.
    public mutating func evaluateTriggers(path: String, metrics: MetricStore, now: Int64? = nil) throws -> [PhaseDue] {
        let (scenario, phases) = try validate(path: path)
        let cost = try plan(scenario, phases, overrides: try Overrides([]))
        let withTriggers = scenario.phases.filter { $0.triggers != nil }
        if withTriggers.isEmpty {
            throw UserError(
                path: path, "no phase of the scenario has triggers",
                hint: "add 'triggers: {when: [...]}' to a phase (see README, 'Triggers')", status: .dataError)
        }
        var problems: [Diagnostic] = []
        for spec in withTriggers {
            for i in spec.triggers!.indicators where metrics.series[i.metric] == nil {
                if let guess = Spelling.closest(to: i.metric, in: metrics.names) {
                    problems.append(
                        i.location.diagnostic(
                            "unknown metric '\(i.metric)' in a trigger; did you mean '\(guess)'?",
                            hint: "the metrics files hold: \(metrics.names.joined(separator: ", "))"))
                }
            }
        }
        if !problems.isEmpty { throw UserError(problems) }
        let at = now ?? metrics.newest ?? 0
        return withTriggers.map { spec in
            let t = spec.triggers!
            let phase = cost.phase(spec.id)!
            let budgets = scenario.budgets.compactMap { b -> (String, Money, Bool)? in
                guard b.service == nil, b.tagFilter.isEmpty, b.covers(phase: spec.id), let limit = b.limit(phase: spec.id) else {
                    return nil
                }
                let monthly = Money(micros: limit.micros / b.period.months)
                return (b.name, monthly, phase.monthlyCost <= monthly)
            }
            return PhaseDue(
                phase: spec.id, results: t.indicators.map { TriggerEvaluation.evaluate($0, metrics, now: at) },
                required: t.require ?? t.indicators.count, monthlyCost: phase.monthlyCost, delta: phase.delta,
                budgets: budgets)
        }
    }
}
