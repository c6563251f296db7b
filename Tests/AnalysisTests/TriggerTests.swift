import Analysis
import CostModel
import Scenarios
import TestSupport
import Testing

@testable import Metrics

@Suite struct TriggerTests {
    static let quoting = Fixtures.root + "/scenarios/quoting-app.yaml"
    static let hour: Int64 = 3600
    static let day: Int64 = 86_400
    static let nov1 = MetricStore.timestamp("2026-11-01")!

    func indicator(_ text: String) throws -> Indicator {
        try Indicator.parse(text, location: InputLocation(path: "s.yaml", line: 1, column: 1)).get()
    }

    func syntaxError(_ text: String) -> String? {
        if case .failure(let e) = Indicator.parse(text, location: InputLocation(path: "s.yaml", line: 1, column: 1)) {
            return e.message
        }
        return nil
    }

    /// Hourly CPU: five periods of 1h, each with 4 datapoints of the given average.
    func cpu(_ averages: [Double?]) -> MetricStore {
        var store = MetricStore()
        for (k, a) in averages.enumerated() {
            guard let a else { continue }
            for q in 1...4 {
                store.append("db_cpu_percent", time: TriggerTests.nov1 + Int64(k) * TriggerTests.hour + Int64(q) * 900, value: a)
            }
        }
        return store
    }

    func state(_ text: String, _ store: MetricStore, now: Int64? = nil) throws -> IndicatorResult {
        TriggerEvaluation.evaluate(try indicator(text), store, now: now ?? store.newest!)
    }

    @Test func parsesTheSeedsIndicators() throws {
        let s = try indicator("db_cpu_percent > 60 sustained 3 of 5 periods of 1h")
        #expect(s.kind == .sustained(m: 3, n: 5, period: 3600) && s.comparison == .greater && s.threshold == 60)
        #expect(try indicator("monthly(quotes_created) >= 500").kind == .aggregate(.monthly, window: 30 * 86_400))
        #expect(try indicator("sum(critical_bugs over 14d)==0").kind == .aggregate(.sum, window: 14 * 86_400))
        #expect(try indicator("latest(paying_customers) >= 5").comparison == .greaterOrEqual)
        #expect(try indicator("p95(response_ms over 7d) > 2000").threshold == 2000)
        #expect(
            syntaxError("mean(x) > 1")
                == "unknown function 'mean'. Did you mean 'avg'? Functions: latest, min, max, avg, sum, count, p95, monthly")
        #expect(syntaxError("median(x) > 1")?.hasPrefix("unknown function 'median'.") == true)
        #expect(syntaxError("lastest(x) > 1")?.hasPrefix("unknown function 'lastest'. Did you mean 'latest'?") == true)
        #expect(syntaxError("max(x over 2w) > 1") == "expected a window after 'over', e.g. 14d, 12h or 30m")
        #expect(syntaxError("x > abc") == "expected a number after '>'")
        #expect(syntaxError("x => 1") == "expected a comparison (>, >=, <, <=, ==) after the metric")
        #expect(syntaxError("x > 60 sustained 6 of 5 periods of 1h") == "sustained M of N needs 1 <= M <= N (N at most 10000)")
        #expect(
            syntaxError("max(x) > 60 sustained 3 of 5 periods of 1h")?.hasPrefix("'sustained' applies to a plain metric") == true)
        #expect(syntaxError("x > 1 or y > 2") == "unexpected 'or' at the end")
    }

    /// Above 60% in 3 of 5 periods fires, in 2 of 5 does not; a period without data can make
    /// the answer unknown, never met.
    @Test func sustainedIsMOutOfNPeriods() throws {
        let rule = "db_cpu_percent > 60 sustained 3 of 5 periods of 1h"
        let three = try state(rule, cpu([70, 50, 65, 40, 61]))
        #expect(three.state == .met)
        #expect(three.evidence == "3 of the last 5 periods of 1h past 60 (averages, oldest first: 70* 50 65* 40 61*)")
        #expect(try state(rule, cpu([70, 50, 65, 40, 59])).state == .notMet)
        #expect(try state(rule, cpu([70, nil, 65, 40, 50])).state == .unknown)  // 2 breaching + 1 missing could be 3
        #expect(try state(rule, cpu([30, nil, 65, 40, 50])).state == .notMet)  // 1 + 1 < 3
        #expect(try state(rule, cpu([60, 60, 60, 60, 60])).state == .notMet)  // > is strict
    }

    /// ECS task count every 15 minutes for 14 days, scaling to 6 on the days listed (`nil`: a
    /// day without datapoints).
    func tasks(atMaxOn maxDays: Set<Int>, missing: Set<Int> = []) -> MetricStore {
        var store = MetricStore()
        for d in 0..<14 where !missing.contains(d) {
            for q in 1...96 {
                let value: Double = maxDays.contains(d) && q == 50 ? 6 : q % 4 == 0 ? 3 : 2
                store.append(
                    "ecs_task_count", time: TriggerTests.nov1 + Int64(d) * TriggerTests.day + Int64(q) * 900, value: value)
            }
        }
        return store
    }

    @Test func shareOfDaysParses() throws {
        let i = try indicator("max(ecs_task_count) == 6 on >= 30% of days in 14d")
        #expect(i.kind == .daily(.max, share: .greaterOrEqual, percent: 30, days: 14))
        #expect(i.comparison == .equal && i.threshold == 6)
        #expect(
            try indicator("avg(db_cpu_percent)>60 on<10% of days in 30d").kind
                == .daily(.avg, share: .less, percent: 10, days: 30))
        let form = "FUNCTION(METRIC) OP X on >= P% of days in Nd, e.g. max(ecs_task_count) == 6 on >= 30% of days in 14d"
        #expect(
            syntaxError("ecs_task_count == 6 on >= 30% of days in 14d")
                == "'on ... of days' needs a function to apply to each day: \(form)")
        #expect(
            syntaxError("max(ecs_task_count over 7d) == 6 on >= 30% of days in 14d")
                == "the function applies to each day; give the window after 'in', not 'over': \(form)")
        #expect(
            syntaxError("max(x) == 6 on >= 30 of days in 14d") == "expected a percentage from 0% to 100% after 'on >=': \(form)")
        #expect(
            syntaxError("max(x) == 6 on >= 130% of days in 14d") == "expected a percentage from 0% to 100% after 'on >=': \(form)"
        )
        #expect(
            syntaxError("max(x) == 6 on => 30% of days in 14d") == "expected a comparison (>, >=, <, <=, ==) after 'on': \(form)")
        #expect(syntaxError("max(x) == 6 on >= 30% of day in 14d") == "expected 'days' after 'of', found 'day': \(form)")
        #expect(
            syntaxError("max(x) == 6 on >= 30% of days in 12h")
                == "expected 'in Nd' (a number of days, e.g. in 14d) after 'of days': \(form)")
        #expect(
            syntaxError("monthly(x) > 6 on >= 30% of days in 14d") == "monthly() is a 30-day total; per day use sum(): \(form)")
        #expect(
            syntaxError("x > 60 sustaned 3 of 5 periods of 1h") == "unexpected 'sustaned' at the end. Did you mean 'sustained'?")
    }

    /// 5 of 14 days at the maximum is 35.7% (met at 30%); 4 of 14 is 28.6% (not met); missing
    /// days make it unknown unless they cannot change the answer.
    @Test func shareOfDaysAtTheMaximum() throws {
        let rule = "max(ecs_task_count) == 6 on >= 30% of days in 14d"
        let five = try state(rule, tasks(atMaxOn: [0, 3, 6, 9, 13]))
        #expect(five.state == .met)
        #expect(five.value == 35.7)
        #expect(five.evidence == "5 of 14 days with max == 6 (35.7%, needs >= 30%); every day has data")
        let four = try state(rule, tasks(atMaxOn: [0, 3, 6, 9]))
        #expect(four.state == .notMet)
        #expect(four.value == 28.6)
        // 4 met and 1 day without data: the missing day could make it 5 (35.7%): unknown.
        let gap = try state(rule, tasks(atMaxOn: [0, 3, 6, 9], missing: [11]))
        #expect(gap.state == .unknown)
        #expect(gap.evidence == "4 of 14 days with max == 6 (28.6%, needs >= 30%); 13 of 14 days have data")
        // 5 met and 2 missing: met whatever the missing days were.
        #expect(try state(rule, tasks(atMaxOn: [0, 3, 6, 9, 13], missing: [1, 2])).state == .met)
        // 2 met and 2 missing: at most 4 of 14 (28.6%): not met.
        #expect(try state(rule, tasks(atMaxOn: [0, 13], missing: [1, 2])).state == .notMet)
        // Only the last 14 days count: a 15th day before them is outside the window.
        #expect(try state("max(ecs_task_count) == 6 on >= 30% of days in 7d", tasks(atMaxOn: [0, 3, 6, 9])).state == .notMet)
        #expect(try state("max(ecs_task_count) == 6 on >= 25% of days in 7d", tasks(atMaxOn: [7, 9])).state == .met)  // 2/7
        #expect(try state("avg(ecs_task_count) > 2 on == 100% of days in 14d", tasks(atMaxOn: [])).state == .met)
        #expect(try state("max(no_such) == 6 on >= 30% of days in 14d", tasks(atMaxOn: [])).state == .unknown)
    }

    @Test func totalsNeedTheWholeWindow() throws {
        var store = MetricStore()
        for d in 0..<20 {
            store.append("critical_bugs", time: TriggerTests.nov1 + Int64(d) * TriggerTests.day, value: d == 3 ? 1 : 0)
        }
        // The bug on day 3 is more than 14 days before the newest point (day 19): none in 14 days.
        #expect(try state("sum(critical_bugs over 14d) == 0", store).state == .met)
        #expect(try state("sum(critical_bugs over 17d) == 0", store).state == .notMet)
        // 30 days reach before the series starts: a zero there is not evidence.
        let partial = try state("sum(critical_bugs over 30d) == 0", store)
        #expect(partial.state == .unknown)
        // but a total already past a >= threshold is.
        #expect(try state("count(critical_bugs over 30d) >= 10", store).state == .met)
        #expect(try state("p95(critical_bugs over 1h) > 0", store).state == .notMet)  // the point at "now"
        let later = store.newest! + 2 * TriggerTests.hour
        #expect(try state("p95(critical_bugs over 1h) > 0", store, now: later).evidence == "no datapoints over 1h")
        #expect(try state("latest(no_such_metric) > 0", store).evidence == "no data for no_such_metric")
    }

    func business(customers: Double, quotes: Int, bugDaysAgo: Int?) -> MetricStore {
        var store = MetricStore()
        let now = TriggerTests.nov1 + 25 * TriggerTests.day
        for d in 0...25 {
            let t = TriggerTests.nov1 + Int64(d) * TriggerTests.day
            store.append("paying_customers", time: t, value: d == 25 ? customers : 1)
            store.append("quotes_created", time: t, value: d < quotes ? 1 : 0)
            store.append("critical_bugs", time: t, value: bugDaysAgo.map { now - t == Int64($0) * TriggerTests.day ? 1 : 0 } ?? 0)
        }
        return store
    }

    func v15(_ store: MetricStore) throws -> PhaseDue {
        let phases = try withEngine { try $0.evaluateTriggers(path: TriggerTests.quoting, metrics: store) }
        return try #require(phases.first { $0.phase == "v1.5" })
    }

    /// Seed 001: move to v1.5 with 5 paying customers, 50+ quotes and no critical bug in 2 weeks.
    @Test func quotingAppV15IsDueOnTheSeedsIndicators() throws {
        let due = try v15(business(customers: 5, quotes: 26, bugDaysAgo: nil).adding(quotes: 24))
        #expect(due.results.map(\.state) == [.met, .met, .met])
        #expect(due.due)
        #expect(due.monthlyCost.usd == "207.21")
        #expect(due.delta?.usd == "161.38")
        #expect(due.budgets.map { "\($0.name) \($0.limit.usd) \($0.fits)" } == ["roadmap 150.00 false"])
        #expect(try !v15(business(customers: 4, quotes: 26, bugDaysAgo: nil).adding(quotes: 24)).due)
        #expect(try !v15(business(customers: 5, quotes: 26, bugDaysAgo: 13).adding(quotes: 24)).due)
        #expect(try v15(business(customers: 5, quotes: 26, bugDaysAgo: 15).adding(quotes: 24)).due)
        #expect(try !v15(business(customers: 5, quotes: 26, bugDaysAgo: nil)).due)  // 26 quotes < 50
    }

    @Test func aMisspelledMetricIsAnErrorWithItsPlace() throws {
        var store = MetricStore()
        store.append("paying_customer", time: TriggerTests.nov1, value: 5)
        do {
            _ = try withEngine { try $0.evaluateTriggers(path: TriggerTests.quoting, metrics: store) }
            Issue.record("no error")
        } catch let e as UserError {
            #expect(e.status == .dataError)
            #expect(
                e.diagnostics.first?.description.contains(
                    "quoting-app.yaml:133:11: error: unknown metric 'paying_customers' in a trigger; did you mean 'paying_customer'?"
                ) == true, "\(e)")
        }
    }

    /// Seed 001's budget for v1.5 ($150, FORECASTED > 80% = $120) fires at high usage.
    @Test func theV15BudgetFiresAtHighUsage() throws {
        let alarms = try withEngine {
            try $0.checkBudgets(path: TriggerTests.quoting, phases: ["v1.5"], overrides: try Overrides([]))
        }
        let forecasted = try #require(alarms.first { $0.notification.kind == .forecasted })
        #expect(forecasted.threshold.usd == "120.00")
        #expect(forecasted.high.usd == "242.23")
        #expect(forecasted.fires(forecasted.high))
    }

    /// get-metric-data pages (newest first, PartialData then Complete) and get-metric-statistics
    /// (unordered, one extended statistic) in the AWS CLI's JSON layout.
    @Test func cloudWatchJSON() throws {
        let dir = Fixtures.root + "/Tests/Fixtures/cloudwatch/"
        var store = MetricStore()
        try store.load(path: dir + "get-metric-data-page1.json")
        try store.load(path: dir + "get-metric-data-page2.json")
        try store.load(path: dir + "get-metric-statistics.json")
        let cpu = try #require(store.series["db_cpu_percent"])
        #expect(cpu.values == [10, 65, 40, 70.25, 61.5])
        #expect(MetricStore.iso(cpu.times[0]) == "2026-11-26T00:00:00Z")
        #expect(MetricStore.iso(cpu.times[4]) == "2026-11-26T04:00:00Z")
        #expect(store.series["response_ms"]?.values == [1800, 2100])
        let rule = try state("db_cpu_percent > 60 sustained 3 of 5 periods of 1h", store)
        #expect(rule.state == .met)
        #expect(try state("p95(response_ms over 7d) > 2000", store).state == .met)
        // The same page again: every timestamp twice.
        #expect(throws: UserError.self) { try store.load(path: dir + "get-metric-data-page1.json") }
        #expect(store.series["db_cpu_percent"]?.times.count == 5)

        let tmp = TempDir()
        func error(_ json: String) -> String {
            var s = MetricStore()
            do {
                try s.load(path: tmp.write("m.json", json))
                return "loaded"
            } catch let e as UserError {
                return e.diagnostics[0].description.replacingOccurrences(of: tmp.path + "/", with: "")
            } catch {
                return "\(error)"
            }
        }
        #expect(
            error("{\n  \"MetricDataResults\": [\n    {\"Id\": \"x\", \"Values\": [NaN]}\n  ]\n}\n").hasPrefix(
                "m.json:3:28: error: malformed JSON"))
        #expect(
            error("{\"MetricDataResults\": [{\"Id\": \"x\", \"Timestamps\": [\"2026-11-01T00:00:00Z\"], \"Values\": []}]}")
                .hasPrefix("m.json: error: x: Timestamps and Values must be lists of the same length"))
        #expect(
            error("{\"MetricDataResults\": [{\"Id\": \"x\", \"Timestamps\": [\"yesterday\"], \"Values\": [1]}]}").hasPrefix(
                "m.json: error: x: datapoint 1 of MetricDataResults[0]: timestamp yesterday is neither an ISO 8601 time nor epoch seconds"
            ))
        #expect(
            error("{\"MetricDataResults\": [{\"Id\": \"x\", \"Timestamps\": [\"2026-11-01T00:00:00Z\"], \"Values\": [\"1\"]}]}")
                .hasPrefix("m.json: error: x: datapoint 1 of MetricDataResults[0]: value 1 is not a finite number"))
        #expect(
            error("{\"Label\": \"x\", \"Datapoints\": [{\"Timestamp\": \"2026-11-01T00:00:00Z\", \"Unit\": \"Percent\"}]}")
                .hasPrefix("m.json: error: x: Datapoints[0] carries no statistic"))
        // Whole numbers 0 and 1 are values, not booleans.
        #expect(
            error(
                "{\"MetricDataResults\": [{\"Id\": \"x\", \"Timestamps\": [\"2026-11-02T00:00:00Z\", \"2026-11-01T00:00:00Z\"], \"Values\": [1, 0]}]}"
            ) == "loaded")
        #expect(error("{\"Metrics\": []}").hasPrefix("m.json: error: neither MetricDataResults nor Datapoints"))
    }

    /// AWS CLI v1 writes timestamps as epoch seconds (its default cli_timestamp_format = none);
    /// get-metric-statistics with several statistics gives one series per statistic.
    @Test func cliV1OutputAndSeveralStatistics() throws {
        let dir = Fixtures.root + "/Tests/Fixtures/cloudwatch/"
        var v1 = MetricStore()
        try v1.load(path: dir + "cli-v1-get-metric-data.json")
        let cpu = try #require(v1.series["db_cpu_percent"])
        #expect(cpu.times == [1_795_129_200, 1_795_132_800, 1_795_136_400, 1_795_140_000, 1_795_143_600])
        #expect(MetricStore.iso(cpu.times[0]) == "2026-11-19T23:00:00Z")
        #expect(cpu.values == [10, 65, 40, 70.25, 61.5])
        #expect(try state("db_cpu_percent > 60 sustained 3 of 5 periods of 1h", v1).state == .met)

        var stats = MetricStore()
        try stats.load(path: dir + "cli-v1-get-metric-statistics-two-statistics.json")
        try stats.load(path: dir + "get-metric-statistics-percentiles.json")
        try stats.load(path: dir + "get-metric-statistics.json")
        #expect(
            stats.names == [
                "CPUUtilization.Average", "CPUUtilization.Maximum", "TargetResponseTime.p50", "TargetResponseTime.p99",
                "response_ms",
            ])
        #expect(stats.series["CPUUtilization.Average"]?.values == [10, 65, 40, 70.25, 61.5])
        #expect(stats.series["CPUUtilization.Maximum"]?.values == [31, 80, 55.5, 88, 99.25])
        #expect(stats.series["CPUUtilization.Maximum"]?.times == cpu.times)
        #expect(stats.series["TargetResponseTime.p99"]?.values == [2.1, 1.9, 2.4])
        #expect(stats.series["TargetResponseTime.p50"]?.values == [0.1, 0.11, 0.12])
        #expect(try state("max(CPUUtilization.Maximum over 2h) >= 99", stats, now: cpu.times[4]).value == 99.25)

        let tmp = TempDir()
        // Whole and fractional epoch seconds, as numbers or strings, and ISO 8601 in one page.
        var mixed = MetricStore()
        try mixed.load(
            path: tmp.write(
                "v1.json",
                "{\"MetricDataResults\": [{\"Id\": \"x\", \"Label\": \"x\", \"Timestamps\": [1795129200, \"1795132800.0\", 1795136400.5, \"2026-11-20T02:00:00Z\"], \"Values\": [1, 2, 3, 4]}]}"
            ))
        #expect(mixed.series["x"]?.times == [1_795_129_200, 1_795_132_800, 1_795_136_400, 1_795_140_000])
        func error(_ name: String, _ json: String) -> String {
            var s = MetricStore()
            do {
                try s.load(path: tmp.write(name, json))
                return "loaded"
            } catch let e as UserError {
                return e.diagnostics[0].description.replacingOccurrences(of: tmp.path + "/", with: "")
            } catch {
                return "\(error)"
            }
        }
        // Epoch 0 is 1970: no AWS data is that old.
        #expect(
            error("zero.json", "{\"MetricDataResults\": [{\"Id\": \"x\", \"Timestamps\": [0], \"Values\": [1]}]}")
                .hasPrefix(
                    "zero.json: error: x: datapoint 1 of MetricDataResults[0]: timestamp 0 (1970-01-01T00:00:00Z) is before 2006-01-01"
                ))
        // A page of another query under the same Id is refused, naming both Labels and files.
        var pages = MetricStore()
        func fill(_ label: String, _ time: String, _ value: String) -> String {
            "{\"MetricDataResults\": [{\"Id\": \"db_cpu_percent\", \"Label\": \"\(label)\", \"Timestamps\": [\"\(time)\"], \"Values\": [\(value)]}]}"
        }
        try pages.load(path: tmp.write("p1.json", fill("CPUUtilization", "2026-11-20T01:00:00Z", "70")))
        #expect(throws: UserError.self) {
            try pages.load(path: tmp.write("p2.json", fill("FreeableMemory", "2026-11-20T00:00:00Z", "1073741824")))
        }
        #expect(pages.series["db_cpu_percent"]?.values == [70])
        try pages.load(path: tmp.write("p3.json", fill("CPUUtilization", "2026-11-20T00:00:00Z", "65")))
        #expect(pages.series["db_cpu_percent"]?.values == [65, 70])
    }

    /// Values beyond 10^15 are refused, so sums and averages stay finite; were a non-finite
    /// value to arise anyway, the indicator is unknown and JSON shows null, never inf.
    @Test func noInfinityReachesTheOutput() throws {
        let tmp = TempDir()
        var store = MetricStore()
        #expect(throws: UserError.self) {
            try store.load(path: tmp.write("big.csv", "timestamp,metric,value\n2026-11-01,x,1e300\n2026-11-02,x,1e300\n"))
        }
        try store.load(
            path: tmp.write("ok.csv", "timestamp,metric,value\n2026-11-01,x,1e15\n2026-11-02,x,-1e15\n2026-11-03,x,1e15\n"))
        #expect(try state("sum(x) > 0", store).value == 1e15)
        var raw = MetricStore()
        raw.append("x", time: TriggerTests.nov1, value: 1e308)
        raw.append("x", time: TriggerTests.nov1 + 60, value: 1e308)
        let sum = try state("sum(x) > 0", raw)
        #expect(sum.state == .unknown && sum.value == nil)
        #expect(try state("avg(x) > 0", raw).state == .unknown)
        #expect(try state("max(x) > 0", raw).value == 1e308)
        #expect(TriggerValue.json(.infinity) == "null" && TriggerValue.json(.nan) == "null" && TriggerValue.json(nil) == "null")
        #expect(TriggerValue.json(2.5) == "2.50" && TriggerValue.json(5) == "5")
    }

    @Test func badIndicatorsInAScenarioHaveLineAndColumn() throws {
        let yaml = """
            name: t
            region: eu-central-1
            phases:
              - id: a
                resources: []
              - id: b
                extends: a
                triggers:
                  require: 3
                  when:
                    - latest(x) >= 1
                    - lastest(y) > 2
            """
        do {
            _ = try ScenarioLoader.parse(yaml, path: "t.yaml")
            Issue.record("no error")
        } catch let e as UserError {
            #expect(
                e.diagnostics.map(\.description).map { $0.split(separator: "\n")[0] } == [
                    "t.yaml:12:11: error: indicator 'lastest(y) > 2': unknown function 'lastest'. Did you mean 'latest'? Functions: latest, min, max, avg, sum, count, p95, monthly",
                    "t.yaml:9:16: error: require must be 'all' or a number from 1 to 1 (the indicators listed)",
                ])
        }
    }
}

extension MetricStore {
    /// The same store with `quotes` more quotes on its last day.
    fileprivate func adding(quotes: Int) -> MetricStore {
        var copy = MetricStore()
        for name in names {
            let s = series[name]!
            for (k, t) in s.times.enumerated() {
                let last = k == s.times.count - 1 && name == "quotes_created"
                copy.append(name, time: t, value: s.values[k] + (last ? Double(quotes) : 0))
            }
        }
        return copy
    }
}
