import Analysis
import Billing
import CostModel
import Foundation
import Metrics
import Reporting
import TestSupport
import Testing

/// Reads what a report shows: the rows of its tables and the bars of its charts, as text.
enum ReportHTML {
    /// `&lt;` and friends back to text (what a reader sees).
    static func unescape(_ s: String) -> String {
        var out = s
        for (entity, text) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: text)
        }
        return out
    }

    /// Text of an HTML fragment: tags dropped, entities resolved, spaces collapsed.
    static func text(_ html: String) -> String {
        let noTags = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return unescape(noTags).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every `<table class="name">` in order, each as its body rows of cell texts.
    static func tables(_ html: String, className: String) -> [[[String]]] {
        var result: [[[String]]] = []
        var rest = html[...]
        while let start = rest.range(of: "<table class=\"\(className)\">") {
            guard let end = rest.range(of: "</table>", range: start.upperBound..<rest.endIndex) else { break }
            let table = rest[start.upperBound..<end.lowerBound]
            let body = table.range(of: "<tbody>").map { table[$0.upperBound...] } ?? table
            let bodyOnly = body.range(of: "</tbody>").map { body[..<$0.lowerBound] } ?? body
            result.append(
                bodyOnly.components(separatedBy: "<tr>").dropFirst().map { row in
                    row.components(separatedBy: "<td").dropFirst().map { cell in
                        let content = cell.drop { $0 != ">" }.dropFirst()
                        return text(String(content.range(of: "</td>").map { content[..<$0.lowerBound] } ?? content))
                    }
                })
            rest = rest[end.upperBound...]
        }
        return result
    }

    /// The text of section `id`.
    static func section(_ html: String, _ id: String) -> String? {
        guard let start = html.range(of: "<section id=\"\(id)\""),
            let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    struct Segment {
        var y: Double
        var height: Double
        var phase: String
        var service: String
        var cents: Int
    }

    /// The bars of each stacked chart drawing (wide, then narrow).
    static func stackedCharts(_ html: String) -> [[Segment]] {
        html.components(separatedBy: "<svg class=\"chart-svg stacked\"").dropFirst().map { svg in
            let drawing = svg.components(separatedBy: "</svg>")[0]
            let pattern =
                ##"<rect class="mark seg" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="#[0-9a-f]{6}"><title>(.*?) · (.*?): (\$[\d,.]+)</title></rect>"##
            let regex = try! NSRegularExpression(pattern: pattern)
            let ns = drawing as NSString
            return regex.matches(in: drawing, range: NSRange(location: 0, length: ns.length)).map { m in
                func group(_ i: Int) -> String { ns.substring(with: m.range(at: i)) }
                return Segment(
                    y: Double(group(1))!, height: Double(group(2))!, phase: unescape(group(3)), service: unescape(group(4)),
                    cents: cents(group(5))!)
            }
        }
    }

    /// `$1,234.56` or `-$3.65` in cents.
    static func cents(_ usd: String) -> Int? {
        guard usd.contains("$"), let value = Int(usd.filter(\.isNumber)) else { return nil }
        return usd.hasPrefix("-") ? -value : value
    }
}

@Suite struct HTMLReportTests {
    static let orcha = Fixtures.root + "/scenarios/orcha.yaml"
    static let quoting = Fixtures.root + "/scenarios/quoting-app.yaml"

    func report(_ path: String, samples: Int = 20_000, metrics: [String] = [], actuals: [String] = [], phase: String? = nil)
        throws -> (ReportModel, String)
    {
        try withEngine { engine in
            var store = MetricStore()
            for m in metrics { try store.load(path: m) }
            var bills = Actuals()
            for a in actuals { try bills.load(path: a) }
            let model = try engine.report(
                path: path, samples: samples, metrics: metrics.isEmpty ? nil : (metrics, store),
                actuals: actuals.isEmpty ? nil : bills, phase: phase)
            return (model, HTMLReport.render(model))
        }
    }

    /// The phase table holds each phase's total, change, low and high exactly as the plan.
    @Test func phaseTableIsThePlan() throws {
        let (model, html) = try report(HTMLReportTests.orcha)
        let rows = try #require(ReportHTML.tables(html, className: "phases").first)
        #expect(
            rows.map { $0.joined(separator: " | ") } == [
                "mvp MVP (seed 002 architecture) | $128.06 | — | — | $119.85 | $136.26",
                "ha High availability (2 x t4g.medium) | $160.50 | +$32.44 | mvp | $152.29 | $168.70",
                "vpc-endpoints VPC endpoints | $283.69 | +$123.19 | ha | $275.03 | $292.34",
                "waf WAF | $295.69 | +$12.00 | vpc-endpoints | $286.03 | $305.34",
                "nat NAT gateway, instances in private subnets | $335.20 | +$39.51 | waf | $320.34 | $350.05",
                "multi-az RDS Multi-AZ | $393.40 | +$58.20 | nat | $378.54 | $408.25",
                "per-tenant Per-tenant resources (3 large tenants) | $480.27 | +$86.87 | multi-az | $465.41 | $495.12",
            ])
        #expect(model.cost.phases.count == 7)
    }

    /// Each bar segment's height is its service's monthly cost times one scale, segments stack
    /// without gaps, and every service of every phase is drawn, in both drawings of the chart.
    @Test(arguments: ["orcha", "quoting-app", "media-gpu"])
    func barHeightsAreProportionalToServiceCosts(name: String) throws {
        let (model, html) = try report(Fixtures.root + "/scenarios/\(name).yaml", samples: 1000)
        let charts = ReportHTML.stackedCharts(html)
        #expect(charts.count == 2)
        for segments in charts {
            let expected = model.cost.phases.flatMap { p in
                p.byService.filter { $0.cost.micros > 0 }.map {
                    "\(p.id) \($0.service) \($0.cost.roundedToCents.micros / 10_000)"
                }
            }
            #expect(Set(segments.map { "\($0.phase) \($0.service) \($0.cents)" }) == Set(expected))
            #expect(segments.count == expected.count)
            let biggest = try #require(segments.max { $0.cents < $1.cents })
            let scale = biggest.height / Double(biggest.cents)
            #expect(scale > 0)
            for s in segments {
                // Coordinates are written to the hundredth.
                #expect(abs(s.height - Double(s.cents) * scale) <= 0.011, "\(s.phase) \(s.service)")
            }
            for phase in model.cost.phases {
                let stack = segments.filter { $0.phase == phase.id }
                for (below, above) in zip(stack, stack.dropFirst()) {
                    #expect(abs(above.y + above.height - below.y) <= 0.011, "\(phase.id): \(above.service) on \(below.service)")
                }
                let total = stack.reduce(0) { $0 + $1.height }
                #expect(abs(total - Double(phase.monthlyCost.micros) / 10_000 * scale) <= 0.011 * Double(stack.count))
            }
        }
    }

    /// The timeline: one bar per finance month in each drawing, coloured by its phase, its
    /// height the month's plan total; the phase table's months and totals are the finance rows'.
    @Test func timelineIsTheFinanceMonths() throws {
        let (model, html) = try report(HTMLReportTests.quoting, samples: 100)
        let t = try #require(model.timeline)
        #expect(t.months.count == 28)
        #expect(t.starts.map { "\($0.phase) \($0.month)" } == ["v1.0 2027-01", "v1.5 2027-02", "v2.0 2027-10", "v3.0 2028-04"])
        let section = try #require(ReportHTML.section(html, "timeline"))
        #expect(
            ReportHTML.tables(section, className: "timeline").first?.map { $0.joined(separator: " | ") } == [
                "v1.0 | 2027-01 | 1 | $45.83 | $45.83",
                "v1.5 | 2027-02 (assumed; when triggered) | 8 | $207.21 | $1,657.68",
                "v2.0 | 2027-10 (assumed; when triggered) | 6 | $388.72 | $2,332.32",
                "v3.0 | 2028-04 (assumed; when triggered) | 13 | $634.30 | $8,245.90",
            ])
        #expect(section.contains("<strong>$12,281.73</strong>"))  // what `finance` reports billed in all
        let pattern =
            ##"<rect class="mark seg" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="(#[0-9a-f]{6})"><title>(\d{4}-\d\d) · (.*?): (\$[\d,.]+)</title>"##
        let regex = try NSRegularExpression(pattern: pattern)
        let drawings = section.components(separatedBy: "<svg class=\"chart-svg timeline\"").dropFirst()
        #expect(drawings.count == 2)
        for drawing in drawings {
            let ns = drawing as NSString
            let bars = regex.matches(in: drawing, range: NSRange(location: 0, length: ns.length)).map { m in
                (0..<6).map { ns.substring(with: m.range(at: $0)) }
            }
            #expect(
                bars.map { "\($0[3]) \($0[4]) \($0[5])" }
                    == t.months.map { "\($0.month) \($0.phase) \(HTMLReport.usd($0.effective))" })
            #expect(Set(bars.filter { $0[4] == "v1.5" }.map { $0[2] }).count == 1)  // one colour per phase
            #expect(Set(bars.map { $0[2] }).count == 4)
            let biggest = try #require(bars.max { ReportHTML.cents($0[5])! < ReportHTML.cents($1[5])! })
            let scale = Double(biggest[1])! / Double(ReportHTML.cents(biggest[5])!) * 100
            for bar in bars { #expect(abs(Double(bar[1])! - Double(ReportHTML.cents(bar[5])!) / 100 * scale) <= 0.011) }
        }
        // No starts: no timeline section.
        let plain = try withEngine { engine in
            try engine.report(path: Fixtures.root + "/Tests/Fixtures/scenarios/commitments.yaml", samples: 10, months: 2)
        }
        #expect(plain.timeline?.months.count == 2)
    }

    /// A roadmap's overview compares its last phase with its first; alternatives (phases that
    /// extend nothing) are not a change from one to the other.
    @Test func overviewCards() throws {
        let (_, orcha) = try report(HTMLReportTests.orcha, samples: 100)
        let roadmap = ReportHTML.text(try #require(ReportHTML.section(orcha, "overview")))
        #expect(roadmap.contains("First phase $128.06 mvp per month, $119.85–$136.26"))
        #expect(roadmap.contains("Last phase $480.27 per-tenant per month, +$352.21 over mvp"))
        #expect(roadmap.contains("Budget alarms 4 of 30 notifications fire at expected usage; 1 more within the ranges"))
        let (_, choice) = try report(Fixtures.root + "/scenarios/nat-vs-endpoints.yaml", samples: 100)
        let alternatives = ReportHTML.text(try #require(ReportHTML.section(choice, "overview")))
        #expect(alternatives.contains("Cheapest phase $122.21 nat per month, $46.81–$197.61"))
        #expect(alternatives.contains("Dearest phase $138.14 endpoints per month, $123.64–$152.64"))
        #expect(!alternatives.contains("over nat"))
        #expect(alternatives.contains("Budget alarms none the scenario sets no budgets"))
    }

    /// The budgets section shows each notification against each phase with the state the
    /// engine gives it: ALARM at expected usage, AT RISK within the range, else OK.
    @Test func budgetStates() throws {
        let (_, html) = try report(HTMLReportTests.orcha)
        let alarms = try withEngine {
            try $0.checkBudgets(path: HTMLReportTests.orcha, phases: [], overrides: try Overrides([]))
        }
        let tables = ReportHTML.tables(html, className: "alarms")
        #expect(tables.count == 4)  // monthly-total, database, prod-compute, tenant-1
        let rows = tables.flatMap { $0 }
        #expect(rows.count == alarms.count)
        #expect(rows.count == 30)  // 7 phases × (2 + 1 + 1) notifications, and tenant-1's 2 on per-tenant
        for (row, a) in zip(rows, alarms) {
            let state = a.fires(a.expected) ? "ALARM" : a.fires(a.low) || a.fires(a.high) ? "AT RISK" : "OK"
            #expect(row[0] == a.phase)
            #expect(row[1] == state, "\(a.budget) \(a.phase)")
            #expect(row[3] == "$" + a.threshold.usd)
            #expect(row[4] == "$" + a.expected.usd)
        }
        let section = try #require(ReportHTML.section(html, "budgets"))
        #expect(ReportHTML.text(section).contains("4 of 30 fire at expected usage"))
        #expect(ReportHTML.text(section).contains("monthly-total all services, $400.00 a month"))
        #expect(ReportHTML.text(section).contains("database AmazonRDS, $120.00 a month"))
        // A scope by tag or tenant is named in the heading, and its limit is not drawn on the chart.
        #expect(ReportHTML.text(section).contains("prod-compute AmazonEC2, Environment=prod, $200.00 a month"))
        #expect(ReportHTML.text(section).contains("tenant-1 Tenant=tenant-1, $30.00 a month"))
        #expect(!html.contains("<title>budget tenant-1 in ") && !html.contains("<title>budget prod-compute in "))
        let nat = try #require(rows.first { $0[0] == "nat" && $0[2] == "ACTUAL > 80%" })
        #expect(nat == ["nat", "ALARM", "ACTUAL > 80%", "$320.00", "$335.20", "$320.34–$350.05", "-$15.20"])
        let multiAZ = try #require(rows.first { $0[0] == "multi-az" && $0[2] == "FORECASTED > 100%" })
        #expect(multiAZ[1] == "AT RISK")  // $408.25 at high usage > $400
        // The budget's $400 line is drawn on the cost chart over every phase.
        #expect(html.components(separatedBy: "<title>budget monthly-total in ").count - 1 == 7 * 2)
    }

    /// P10..P90 are the simulation's numbers for the same samples and seed.
    @Test func rangesAreTheSimulation() throws {
        let (model, html) = try report(HTMLReportTests.quoting, samples: 20_000)
        let sim = try withEngine {
            try $0.simulate(path: HTMLReportTests.quoting, samples: 20_000, seed: 1, overrides: try Overrides([]))
        }
        let rows = try #require(ReportHTML.tables(html, className: "ranges").first)
        #expect(rows.count == sim.phases.count)
        for (row, p) in zip(rows, sim.phases) {
            #expect(
                row == [
                    p.id, "$" + p.expected.usd, "$\(p.p10.usd)–$\(p.p90.usd)", "$\(p.low.usd)–$\(p.high.usd)", "$" + p.p50.usd,
                    "$" + p.mean.usd,
                ])
        }
        #expect(model.simulation.samples == 20_000 && model.simulation.seed == 1)
        #expect(ReportHTML.text(html).contains("80% of 20,000 simulated months fall (seed 1)"))
        // quoting-app v1.0: $45.83 expected, $39.08..$52.58 (README)
        #expect(rows[0][1] == "$45.83" && rows[0][3] == "$39.08–$52.58")
    }

    /// With metrics, each phase's indicators and whether it is due, as `triggers` says.
    @Test func triggerIndicators() throws {
        let files = [
            Fixtures.root + "/Tests/Fixtures/metrics/quoting-business.csv",
            Fixtures.root + "/Tests/Fixtures/cloudwatch/get-metric-data-page1.json",
            Fixtures.root + "/Tests/Fixtures/cloudwatch/get-metric-data-page2.json",
            Fixtures.root + "/Tests/Fixtures/cloudwatch/get-metric-statistics.json",
        ]
        let (_, html) = try report(HTMLReportTests.quoting, samples: 1000, metrics: files)
        let section = ReportHTML.text(try #require(ReportHTML.section(html, "triggers")))
        #expect(section.contains("Evaluated at 2026-11-26T04:00:00Z"))
        #expect(
            section.contains(
                "v1.5 DUE 3 of 3 required indicators met $207.21 a month +$161.38 from the phase it extends exceeds roadmap ($150.00 a month)"
            ))
        #expect(section.contains("v2.0 NOT DUE 2 of 3 required indicators met $388.72 a month"))
        let tables = ReportHTML.tables(html, className: "indicators")
        #expect(tables.map(\.count) == [3, 5, 2])
        #expect(
            tables[1][2] == [
                "db_cpu_percent > 60 sustained 3 of 5 periods of 1h", "MET", "3",
                "3 of the last 5 periods of 1h past 60 (averages, oldest first: 10 65* 40 70.25* 61.50*)",
            ])
        #expect(
            tables[1][3] == ["max(ecs_task_count) == 6 on >= 30% of days in 14d", "UNKNOWN", "", "no data for ecs_task_count"])
        #expect(tables[2][0] == ["latest(active_users) >= 500", "NOT MET", "45", "latest = 45 from 26 datapoints in all data"])
        let overview = ReportHTML.text(try #require(ReportHTML.section(html, "overview")))
        #expect(overview.contains("Phases due 1 of 3 v1.5"))

        // Without metrics the indicators are listed, not evaluated.
        let (_, plain) = try report(HTMLReportTests.quoting, samples: 1000)
        let unevaluated = ReportHTML.tables(plain, className: "indicators")
        #expect(unevaluated.map(\.count) == [3, 5, 2])
        #expect(unevaluated.flatMap { $0 }.allSatisfy { $0[1] == "NOT EVALUATED" })
        // A scenario without triggers has no such section.
        let (_, orcha) = try report(HTMLReportTests.orcha, samples: 1000)
        #expect(ReportHTML.section(orcha, "triggers") == nil)
        #expect(!orcha.contains("href=\"#triggers\""))
    }

    /// With bills, plan against actual per month, and the budgets on the latest month.
    @Test func actualBills() throws {
        let (_, html) = try report(
            HTMLReportTests.orcha, samples: 1000, actuals: [Fixtures.root + "/Tests/Fixtures/bills/focus.csv"], phase: "mvp")
        let section = try #require(ReportHTML.section(html, "actuals"))
        #expect(ReportHTML.text(section).contains("FOCUS, 11 rows, 2026-10, 2026-11"))
        #expect(section.contains("<h3><span>2026-10</span></h3>"))  // billed to its end
        #expect(ReportHTML.text(section).contains("2026-11 month to date, 14 of 30 days"))
        // The October totals `budget variance` prints: 128.06 planned, 102.85 billed.
        #expect(
            section.contains(
                "<td><strong>Total</strong></td><td class=\"num\"><strong>$128.06</strong></td><td class=\"num\"><strong>$102.85</strong></td><td class=\"num\"><span class=\"down\">-$25.21</span></td>"
            ))
        let october = try #require(ReportHTML.tables(section, className: "variance").first)
        let rds = october.first { $0.first == "AmazonRDS" }
        #expect(rds == ["AmazonRDS", "$57.47", "$55.06", "-$2.41", "-4.2%"])
        let onBills = try #require(ReportHTML.tables(section, className: "alarms").first)
        #expect(
            onBills.map { $0.joined(separator: " | ") } == [
                "monthly-total | OK | all services | ACTUAL > 80% | $320.00 | $46.84",
                "monthly-total | OK | all services | FORECASTED > 100% | $400.00 | $108.24",
                "database | OK | AmazonRDS | FORECASTED > 100% | $120.00 | $54.47",
                "prod-compute | OK | AmazonEC2, Environment=prod | FORECASTED > 100% | $200.00 | $8.19",
            ])
        #expect(section.contains("<li>Forecast <strong>database</strong>: 24.86 to day 14 of 30 + 16 days at the run rate"))
    }

    /// Every input string is escaped, in text and in attributes, the chart and the sources.
    @Test func escapesEveryInputString() throws {
        let dir = TempDir()
        let evil = #"<script>alert("x")</script> & 'co'"#
        let path = dir.write(
            "evil.yaml",
            """
            name: '\(evil.replacingOccurrences(of: "'", with: "''"))'
            description: 'A <b>bold</b> & "quoted" plan'
            region: eu-central-1
            phases:
              - id: p1
                name: '<img src=x onerror=alert(1)>'
                resources:
                  - id: vendor
                    type: fixed
                    monthly: 10
                    service: '<script>svc</script>'
                    source: 'quote "A&B" <https://example.com/?a=1&b=2>'
            budgets:
              - name: total
                amount: 5
                notifications:
                  - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100}
            """)
        let (_, html) = try report(path, samples: 100)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>bold"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("\"A&B\""))
        #expect(html.contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</h1>"))
        #expect(
            html.contains("<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39; · cost report</title>"))
        #expect(html.contains("A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; plan"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("<title>p1 · &lt;script&gt;svc&lt;/script&gt;: $10.00</title>"))  // chart bar
        #expect(html.contains("<span>&lt;script&gt;svc&lt;/script&gt;</span>"))  // legend
        #expect(html.contains("quote &quot;A&amp;B&quot; &lt;https://example.com/?a=1&amp;b=2&gt;"))  // source
        // And it reads back as the original text.
        #expect(ReportHTML.text(html).contains(evil))
        // The budget fires: $10.00 > 100% of $5.
        #expect(ReportHTML.tables(html, className: "alarms").first?.first?[1] == "ALARM")
    }

    @Test func escapeFunction() {
        #expect(
            HTMLReport.escape(#"<a href="x">Tom & 'Jerry'</a>"#)
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        #expect(HTMLReport.escape("&amp;") == "&amp;amp;")  // escaped once more, never taken as markup
        #expect(HTMLReport.escape("tab\tnew\nline\r") == "tab\tnew\nline\r")
        #expect(HTMLReport.escape("nul\u{0}bell\u{7}c1\u{85}") == "nul\u{FFFD}bell\u{FFFD}c1\u{FFFD}")
        #expect(HTMLReport.escape("Zürich €5 — ✓") == "Zürich €5 — ✓")
        #expect(HTMLReport.usd(Money(micros: 1_234_567_890)) == "$1,234.57")
        #expect(HTMLReport.usd(Money(micros: -3_650_000)) == "-$3.65")
        #expect(HTMLReport.usd(Money(micros: 999_995_000)) == "$1,000.00")
        #expect(HTMLReport.signedUSD(Money(micros: 32_440_000)) == "+$32.44")
        #expect(HTMLReport.signedUSD(.zero) == "$0.00")
    }

    /// One self-contained page: no script, nothing fetched, styles inline, print and narrow
    /// layouts present.
    @Test func selfContained() throws {
        let (_, html) = try report(HTMLReportTests.orcha, samples: 1000)
        for banned in ["<script", "<link", "<iframe", "<img", " src=", "@import", "url(", "href=\"http", "javascript:"] {
            #expect(!html.contains(banned), "\(banned)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("@media print"))
        #expect(html.contains("@media (max-width: 640px)"))
        // Every in-page link has its target.
        let links = html.components(separatedBy: "href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!links.isEmpty)
        for id in Set(links) { #expect(html.contains("id=\"\(id)\""), "\(id)") }
        // Price sources: every key of every line, numbered once.
        let (model, _) = try report(HTMLReportTests.orcha, samples: 10)
        let keys = Set(model.cost.phases.flatMap(\.lines).filter { $0.priceOrigin != .fixed }.map(\.priceKey))
        let sources = try #require(ReportHTML.section(html, "sources"))
        for key in keys { #expect(sources.contains("<code class=\"key\">\(key)</code>"), "\(key)") }
        #expect(
            sources.contains(
                "github Zeebrow/ec2-price-tracker example-data/csv-data/ec2/2023-01-06/Linux/eu-central-1.csv@f13e06ba"))
    }

    /// The report is a list of sections: one more function is one more section (and its entry
    /// in the table of contents); a section with nothing to show returns nil and is left out.
    @Test func sectionsAreAList() throws {
        let (model, _) = try report(HTMLReportTests.orcha, samples: 10)
        let extra: HTMLReport.Section = { m in
            HTMLSection(id: "extra", title: "Extra <one>", body: "<p>\(m.cost.phases.count) phases</p>\n")
        }
        let nothing: HTMLReport.Section = { _ in nil }
        let html = HTMLReport.render(model, sections: [HTMLReport.phaseTable, extra, nothing])
        #expect(
            html.contains("<li><a href=\"#phases\">Phases</a></li>\n<li><a href=\"#extra\">Extra &lt;one&gt;</a></li>\n</ol>"))
        #expect(html.contains("<h2 id=\"extra-title\">Extra &lt;one&gt;</h2>\n<p>7 phases</p>\n</section>"))
        #expect(html.components(separatedBy: "<section ").count - 1 == 2)
        // The default sections, but for triggers and bills (the scenario has neither).
        let all = HTMLReport.render(model).components(separatedBy: "<section ").count - 1
        #expect(all == HTMLReport.sections.count - 2)
    }
}
