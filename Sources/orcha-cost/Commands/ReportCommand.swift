import Analysis
import ArgumentParser
import CostModel
import Metrics
import Pricing
import Reporting

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report: phases, cost charts, ranges, budgets, triggers and price sources.",
        discussion: """
            The report is a single static HTML file (inline CSS and SVG, no script, nothing \
            fetched) that reads on a phone, a desktop and on paper: the phase table with \
            changes and low..high; a stacked bar chart of the monthly cost per service per phase \
            with the budgets' limits; low/expected/high and P10..P90 (simulated as `simulate` \
            does, with the same default samples and seed); every budget alarm against every \
            phase; the phases' trigger indicators (evaluated with --metrics); the bills against \
            the plan (with --actuals and the --phase you run now); every line and every price \
            source. Written atomically; the default file is Reports/<scenario file \
            name>.html.

            Examples:
              orcha-cost report scenarios/orcha.yaml        # writes Reports/orcha.html
              orcha-cost report scenarios/quoting-app.yaml --metrics business.csv
              orcha-cost report scenarios/orcha.yaml --actuals cur.csv --phase mvp
              orcha-cost report scenarios/orcha.yaml -o /tmp/orcha.html
              orcha-cost report scenarios/orcha.yaml -o - > orcha.html   # stdout
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file (default: scenarios/orcha.yaml).", valueName: "scenario"))
    var scenario: String?
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("HTML file to write (default: Reports/<scenario file name>.html; - for stdout).", valueName: "file"))
    var output: String?
    @Option(help: ArgumentHelp("Metrics for the trigger indicators: CSV or CloudWatch JSON; repeatable.", valueName: "file"))
    var metrics: [String] = []
    @Option(help: ArgumentHelp("Evaluate the triggers at this time instead of the newest datapoint.", valueName: "timestamp"))
    var at: String?
    @Option(help: ArgumentHelp("Bill exports with actual spend (CUR or FOCUS CSV; repeatable).", valueName: "file"))
    var actuals: [String] = []
    @Option(help: ArgumentHelp("The phase you run now, that the bills are compared with (with --actuals).", valueName: "id"))
    var phase: String?
    @OptionGroup var timeline: TimelineOptions
    @Option(help: "Samples for P10..P90.") var samples: Int = Engine.reportSamples
    @Option(help: "Random seed of the simulation.") var seed: UInt64 = Engine.reportSeed

    func validate() throws {
        if samples < 1 || samples > 50_000_000 { throw ValidationError("--samples must be between 1 and 50000000") }
        if let at, MetricStore.timestamp(at) == nil {
            throw ValidationError("--at '\(at)' is not a timestamp: write 2026-11-26 or 2026-11-26T09:00:00Z")
        }
        if at != nil && metrics.isEmpty { throw ValidationError("--at needs --metrics FILE") }
        if !actuals.isEmpty && phase == nil { throw ValidationError("with --actuals, name the phase you run now: --phase ID") }
        if phase != nil && actuals.isEmpty {
            throw ValidationError("--phase names the phase the bills are for: give --actuals FILE")
        }
    }

    func run() throws {
        try reportingErrors {
            var (path, engine) = try engineFor(scenario, options)
            var store: MetricStore?
            if !metrics.isEmpty {
                var s = MetricStore()
                for file in metrics { try s.load(path: file) }
                store = s
            }
            let bills = actuals.isEmpty ? nil : try loadActuals(actuals, data: nil, pricing: options.pricing)
            let model = try engine.report(
                path: path, samples: samples, seed: seed, metrics: store.map { (metrics, $0) },
                at: at.flatMap(MetricStore.timestamp), actuals: bills, phase: phase,
                start: timeline.firstMonth, months: timeline.months)
            let html = HTMLReport.render(model)
            if output == "-" {
                Terminal.out(html)
                return
            }
            let target = output ?? "Reports/" + scenarioStem(path) + ".html"
            if output == nil { mkdir("Reports", 0o755) }
            try AtomicFile.write(html, to: target)
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            var summary = count(model.cost.phases.count, "phase") + ", "
            summary +=
                model.alarms.isEmpty
                ? "no budgets"
                : "\(model.alarms.filter(\.firesExpected).count) of \(count(model.alarms.count, "budget alarm")) firing"
            if let t = model.triggers, t.evaluatedAt != nil { summary += ", \(count(t.phases.filter(\.due).count, "phase")) due" }
            Terminal.out("wrote \(target) (\((html.utf8.count + 1023) / 1024) KB): \(summary)\n")
        }
    }
}
