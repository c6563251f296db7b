import Billing
import CostModel
import Metrics

extension Engine {
    /// Samples and seed the report simulates with: the same as `orcha-cost simulate`'s
    /// defaults, so the report's P10..P90 are the numbers `simulate` prints.
    public static let reportSamples = 100_000
    public static let reportSeed: UInt64 = 1

    /// Everything `orcha-cost report` shows, computed: the plan; each phase's low, expected and
    /// high cost and its P10/P50/P90 by simulation; the scenario's budgets against every phase;
    /// the trigger indicators, evaluated on `metrics` when given; with `actuals`, the bills against the plan of
    /// `phase` (the phase being run) and the budgets on the latest month of the bills.
    public mutating func report(
        path: String, samples: Int = Engine.reportSamples, seed: UInt64 = Engine.reportSeed,
        metrics: (files: [String], store: MetricStore)? = nil, at: Int64? = nil,
        actuals: Actuals? = nil, phase: String? = nil, start: YearMonth? = nil, months: Int? = nil
    ) throws -> ReportModel {
        let (scenario, phases) = try validate(path: path)
        let none = try Overrides([])
        let cost = try plan(scenario, phases, overrides: none)
        if let phase { _ = try cost.requirePhase(phase) }

        let simulation = try simulate(path: path, samples: samples, seed: seed, overrides: none)
        let stats = Dictionary(simulation.phases.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ranges = cost.phases.map { p in
            let s = stats[p.id]
            return ReportModel.PhaseRange(
                phase: p.id, low: p.low, expected: p.monthlyCost, high: p.high, p10: s?.p10 ?? p.monthlyCost,
                p50: s?.p50 ?? p.monthlyCost, p90: s?.p90 ?? p.monthlyCost, mean: s?.mean ?? p.monthlyCost)
        }

        let budgets = Dictionary(scenario.budgets.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        /// `period`: the budget's own, or monthly for bills (checked on a month's share).
        func state(_ a: BudgetAlarm, period: Budget.Period? = nil) -> ReportModel.AlarmState {
            ReportModel.AlarmState(
                budget: a.budget, scope: budgets[a.budget]?.scopeDescription, phase: a.phase,
                period: period ?? budgets[a.budget]?.period ?? .monthly, limit: a.limit, notification: a.notification,
                threshold: a.threshold, low: a.low, expected: a.expected, high: a.high, firesLow: a.fires(a.low),
                firesExpected: a.fires(a.expected), firesHigh: a.fires(a.high))
        }
        let alarms = scenario.budgets.isEmpty ? [] : try checkBudgets(path: path, phases: [], overrides: none).map { state($0) }
        let budgetLines = scenario.budgets.filter { $0.service == nil && $0.tagFilter.isEmpty }.map { b in
            var monthly: [String: Money] = [:]
            for p in cost.phases where b.covers(phase: p.id) {
                if let limit = b.limit(phase: p.id) { monthly[p.id] = Money(micros: limit.micros / b.period.months) }
            }
            return ReportModel.BudgetLine(name: b.name, monthly: monthly)
        }

        var triggers: ReportModel.TriggerReport?
        if let metrics {
            let due = try evaluateTriggers(path: path, metrics: metrics.store, now: at)
            triggers = ReportModel.TriggerReport(
                files: metrics.files, evaluatedAt: MetricStore.iso(at ?? metrics.store.newest ?? 0),
                phases: due.map { d in
                    ReportModel.TriggerPhase(
                        phase: d.phase, due: d.due, met: d.met, required: d.required, monthlyCost: d.monthlyCost,
                        delta: d.delta,
                        indicators: d.results.map {
                            ReportModel.TriggerPhase.Indicator(
                                text: $0.indicator.text, state: $0.state.rawValue, value: $0.value.map(TriggerValue.text),
                                evidence: $0.evidence)
                        }, budgets: d.budgets)
                })
        } else if scenario.phases.contains(where: { $0.triggers != nil }) {
            // The indicators as written, not evaluated: what the roadmap waits for.
            triggers = ReportModel.TriggerReport(
                files: [], evaluatedAt: nil,
                phases: scenario.phases.compactMap { spec in
                    guard let t = spec.triggers, let p = cost.phase(spec.id) else { return nil }
                    return ReportModel.TriggerPhase(
                        phase: spec.id, due: false, met: 0, required: t.require ?? t.indicators.count,
                        monthlyCost: p.monthlyCost, delta: p.delta,
                        indicators: t.indicators.map {
                            ReportModel.TriggerPhase.Indicator(text: $0.text, state: "not evaluated", value: nil, evidence: "")
                        }, budgets: [])
                })
        }

        var actualsReport: ReportModel.ActualsReport?
        if let actuals {
            guard let phase else {
                throw UserError(
                    message: "with bills, name the phase you run now",
                    hint: "add --phase ID (one of "
                        + cost.phases.map(\.id).joined(separator: ", ") + ")", status: .usage)
            }
            guard let month = actuals.months.last else {
                throw UserError(message: "the bills hold no spend", hint: "check the --actuals files", status: .dataError)
            }
            let rows = try variance(path: path, phase: phase, overrides: none, actuals: actuals)
            var partial: [String: (day: Int, of: Int)] = [:]
            for m in actuals.months {
                let day = actuals.lastDay[m] ?? 0
                let days = Forecast.days(in: m)
                if day < days { partial[m] = (day, days) }
            }
            let applies = scenario.budgets.contains { $0.covers(phase: phase) && $0.limit(phase: phase) != nil }
            let onBills =
                applies ? try checkBudgets(path: path, phase: phase, month: month, overrides: none, actuals: actuals) : nil
            actualsReport = ReportModel.ActualsReport(
                phase: phase,
                files: actuals.files.map { ($0.path, $0.format.rawValue, $0.rows, $0.months) },
                rows: rows.map { ($0.month, $0.service, $0.plan, $0.actual, $0.percent) },
                partial: partial, month: month,
                alarms: onBills?.alarms.map { state($0, period: .monthly) } ?? [],
                forecasts: (onBills?.forecasts ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value.explanation) })
        }

        var model = ReportModel(
            cost: cost, description: scenario.description, ranges: ranges,
            simulation: ReportModel.SimulationInfo(
                samples: simulation.samples, seed: simulation.seed, inputs: simulation.variables),
            budgetLines: budgetLines, alarms: alarms, triggers: triggers, actuals: actualsReport)
        if scenario.phases.contains(where: { $0.starts != nil }) {
            let timeline = try Timeline.build(scenario, start: start, months: months)
            model.timeline = Self.timelineReport(cost, timeline)
        }
        return model
    }

    /// The finance rows of each month added up (the months the finance file has).
    static func timelineReport(_ cost: ScenarioCost, _ timeline: Timeline) -> ReportModel.TimelineReport {
        var months: [ReportModel.TimelineReport.Month] = []
        for row in Finance.rows(cost, timeline) {
            if months.last?.month != row.month {
                months.append(.init(month: row.month, phase: row.phase, effective: .zero, billed: .zero, low: .zero, high: .zero))
            }
            months[months.count - 1].effective += row.effective
            months[months.count - 1].billed += row.billed
            if row.kind == .usage {
                months[months.count - 1].low += row.low
                months[months.count - 1].high += row.high
            }
        }
        return ReportModel.TimelineReport(months: months, starts: timeline.starts)
    }
}
