import Foundation
import TestSupport
import Testing

@Suite struct PlanCommandTests {
    @Test func planWithoutArgumentsPricesTheOrchaRoadmap() throws {
        let dir = TempDir()
        let (status, out, err) = try runTool(["plan", "--catalog", dir.file("c.sqlite")], cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        #expect(out.hasPrefix("Orcha platform"))
        #expect(out.contains("total 128.06  (range 119.85..136.26)"))
        #expect(out.contains("+32.44 vs mvp"))
        #expect(out.contains("per-tenant"))
        #expect(!out.contains("\u{1B}["), "no colours when stdout is not a terminal")
    }

    @Test func jsonForOnePhaseKeepsItsDelta() throws {
        let dir = TempDir()
        let (status, out, _) = try runTool(
            [
                "plan", "scenarios/orcha.yaml", "--phase", "ha", "--format", "json",
                "--catalog", dir.file("c.sqlite"),
            ], cwd: Fixtures.root)
        #expect(status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let phases = try #require(object["phases"] as? [[String: Any]])
        #expect(phases.map { $0["id"] as? String } == ["ha"])
        #expect(phases[0]["delta"] as? String == "32.44")
        #expect(phases[0]["monthly_cost"] as? String == "160.50")
        #expect(object["hours_per_month"] as? String == "730")
    }

    @Test func markdownAndCSV() throws {
        let dir = TempDir()
        let (_, md, _) = try runTool(
            ["plan", "scenarios/code-refactor.yaml", "--format", "markdown", "--catalog", dir.file("c.sqlite")],
            cwd: Fixtures.root)
        #expect(md.contains("| Private networking (VPC Link, NAT, WAF) | $232.62 | +$82.78 | $188.60–$276.63 |"))
        let (_, csv, _) = try runTool(
            ["plan", "scenarios/code-refactor.yaml", "--format", "csv", "--catalog", dir.file("c.sqlite")],
            cwd: Fixtures.root)
        #expect(csv.hasPrefix("scenario,phase,phase_name,resource,type,service,component,quantity,unit,unit_price,monthly_cost"))
    }

    @Test func errorsAndExitCodes() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let (phase, _, phaseErr) = try runTool(["plan", "scenarios/orcha.yaml", "--phase", "multiaz"] + c, cwd: Fixtures.root)
        #expect(phase == 64)
        #expect(phaseErr.contains("no phase 'multiaz' in scenarios/orcha.yaml. did you mean 'multi-az'?"), "\(phaseErr)")

        let (missing, _, missingErr) = try runTool(["plan", "nope.yaml"] + c, cwd: dir.path)
        #expect(missing == 66)
        #expect(missingErr.hasPrefix("nope.yaml: error: no such scenario file"))

        let bad = dir.write(
            "bad.yaml",
            "name: x\nregion: eu-central-1\nphases:\n  - id: p\n    resources:\n      - id: a\n        type: natgateway\n")
        let (check, _, checkErr) = try runTool(["check", bad] + c)
        #expect(check == 65)
        #expect(
            checkErr.hasPrefix("\(bad):7:15: error: unknown resource type 'natgateway'. did you mean 'nat_gateway'?"),
            "\(checkErr)")

        // A misspelt region on the command line is one usage error with a did-you-mean.
        let (region, _, regionErr) = try runTool(
            ["plan", "scenarios/orcha.yaml", "--set", "region=ap-southeast2"] + c, cwd: Fixtures.root)
        #expect(region == 64)
        #expect(
            regionErr.hasPrefix(
                "orcha-cost: error: --set region: 'ap-southeast2' is not an AWS region code. did you mean 'ap-southeast-2'?"),
            "\(regionErr)")
        #expect(regionErr.split(separator: "\n").filter { $0.contains("error:") }.count == 1)

        // Structure, resource and price problems of one file come together, in file order.
        let mixed = dir.write(
            "mixed.yaml",
            """
            name: t
            region: eu-central-1
            hours_per_mont: 730
            usage:
              stored:
                value: 10
                unit: GB-month
            phases:
              - id: p
                resources:
                  - id: a
                    type: ec2_instanse
                  - id: c
                    type: nat_gateway
                    gb_processed: $stored
                  - id: d
                    type: ec2_instance
                    instance_type: t4g.huge
            """)
        let (mixedStatus, _, mixedErr) = try runTool(["check", mixed] + c)
        #expect(mixedStatus == 65)
        #expect(
            mixedErr.split(separator: "\n").filter { !$0.hasPrefix("  hint") }.map { String($0.dropFirst(mixed.count)) } == [
                ":3:1: error: unknown key 'hours_per_mont' in the scenario. did you mean 'hours_per_month'?",
                ":12:15: error: unknown resource type 'ec2_instanse'. did you mean 'ec2_instance'?",
                ":15:23: error: 'gb_processed' is in GB but usage input 'stored' is in GB-month",
                ":18:24: error: no price for 'ec2.instance.t4g.huge.linux' in eu-central-1. did you mean 'ec2.instance.t4g.large.linux'?",
            ], "\(mixedErr)")

        let (ok, okOut, _) = try runTool(["check", "scenarios/quoting-app.yaml"] + c, cwd: Fixtures.root)
        #expect(ok == 0)
        #expect(okOut.hasPrefix("scenarios/quoting-app.yaml: ok: 4 phases, 23 resources, 43 prices"), "\(okOut)")
    }
}

@Suite struct DiffCommandTests {
    @Test func phasesAndFailAbove() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let (status, out, _) = try runTool(
            ["diff", "scenarios/orcha.yaml", "--from", "waf", "--to", "nat"] + c, cwd: Fixtures.root)
        #expect(status == 0)
        #expect(out.contains("total 295.69 -> 335.20: +39.51 (+13.36%)"))
        #expect(out.contains("nat       gateway hours                      37.96  +37.96  added"))

        let (gate, _, gateErr) = try runTool(
            ["diff", "scenarios/orcha.yaml", "--from", "waf", "--to", "nat", "--fail-above", "10%"] + c, cwd: Fixtures.root)
        #expect(gate == 1)
        #expect(gateErr.contains("+39.51/month (+13.36%) is above --fail-above 10.00%"), "\(gateErr)")
        let (_, md, _) = try runTool(
            ["diff", "scenarios/orcha.yaml", "--from", "waf", "--to", "nat", "--format", "markdown"] + c, cwd: Fixtures.root)
        #expect(md.contains("| nat | gateway hours |  | $37.96 | +$37.96 |"), "\(md)")
        #expect(md.contains("| **Total** | | **$295.69** | **$335.20** | **+$39.51** |"))
        let (pass, _, _) = try runTool(
            ["diff", "scenarios/orcha.yaml", "--from", "waf", "--to", "nat", "--fail-above", "40"] + c, cwd: Fixtures.root)
        #expect(pass == 0)
    }

    @Test func twoScenariosAsJSON() throws {
        let dir = TempDir()
        let changed = dir.write(
            "orcha-bigger-db.yaml",
            readText(Fixtures.root + "/scenarios/orcha.yaml").replacingOccurrences(
                of: "instance_class: db.t4g.medium", with: "instance_class: db.t4g.small"))
        let (status, out, err) = try runTool(
            [
                "diff", Fixtures.root + "/scenarios/orcha.yaml", changed, "--phase", "mvp", "--format", "json", "--catalog",
                dir.file("c.sqlite"),
            ])
        #expect(status == 0, "\(err)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items[0]["change"] as? String == "-30.66")  // 730 h × ($0.074 − $0.032)
        let lines = try #require(items[0]["lines"] as? [[String: Any]])
        let db = try #require(lines.first { $0["resource"] as? String == "db" && $0["component"] as? String == "instance hours" })
        #expect(db["before_unit_price"] as? String == "0.074")
        #expect(db["after_unit_price"] as? String == "0.032")
    }

    @Test func nothingToCompareIsAUsageError() throws {
        let (status, _, err) = try runTool(["diff", "scenarios/orcha.yaml"], cwd: Fixtures.root)
        #expect(status == 64)
        #expect(err.contains("nothing to compare"))
    }
}

@Suite struct SweepCommandTests {
    @Test func chartIsWrittenAtomically() throws {
        let dir = TempDir()
        let chart = dir.file("nat.svg")
        let (status, out, err) = try runTool(
            [
                "sweep", "scenarios/nat-vs-endpoints.yaml", "--vary", "aws_api_gb=0..4000:1000", "--format", "csv", "--chart",
                chart,
                "--catalog", dir.file("c.sqlite"),
            ], cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        #expect(
            out
                == "aws_api_gb,nat,endpoints\r\n0,41.61,122.64\r\n1000,93.61,132.64\r\n2000,145.61,142.64\r\n3000,197.61,152.64\r\n4000,249.61,162.64\r\n"
        )
        #expect(readText(chart).hasSuffix("</svg>\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".orcha-cost-") }
        #expect(leftovers.isEmpty)
        let (bad, _, badErr) = try runTool(
            [
                "sweep", "scenarios/nat-vs-endpoints.yaml", "--vary", "aws_api_gb=0..10", "--chart", "/nonexistent/dir/x.svg",
                "--catalog", dir.file("c.sqlite"),
            ], cwd: Fixtures.root)
        #expect(bad == 73)
        #expect(badErr.contains("/nonexistent/dir/x.svg: error: cannot create the output file"))
    }

    @Test func breakEvenOutput() throws {
        let dir = TempDir()
        let (status, out, _) = try runTool(
            [
                "break-even", "scenarios/nat-vs-endpoints.yaml", "--vary", "aws_api_gb=0..100000", "--between", "nat",
                "endpoints",
                "--catalog", dir.file("c.sqlite"),
            ], cwd: Fixtures.root)
        #expect(status == 0)
        #expect(out.contains("break-even at aws_api_gb = 1929.285714: $141.93 per month each"))
    }
}

@Suite struct BudgetCommandTests {
    @Test func alarmsFireWithExitOne() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let (status, out, err) = try runTool(["budget", "check", "scenarios/orcha.yaml"] + c, cwd: Fixtures.root)
        #expect(status == 1)
        #expect(
            out.contains(
                "monthly-total  nat            ACTUAL > 80%          320.00           335.20  320.34..350.05   -15.20  ALARM"))
        #expect(err.contains("4 budget alarms would fire at expected usage"))
        let (ok, _, _) = try runTool(
            ["budget", "check", "scenarios/orcha.yaml", "--phase", "mvp", "--phase", "ha"] + c, cwd: Fixtures.root)
        #expect(ok == 0)
        let (high, json, _) = try runTool(
            ["budget", "check", "scenarios/orcha.yaml", "--phase", "multi-az", "--at", "high", "--format", "json"] + c,
            cwd: Fixtures.root)
        #expect(high == 1)
        #expect(json.contains("\"phase\": \"multi-az\", \"notification\": \"FORECASTED > 100%\""))
        // A mistyped phase is a usage error, not an empty table that passes the gate.
        let (typo, _, typoErr) = try runTool(
            ["budget", "check", "scenarios/orcha.yaml", "--phase", "nope"] + c, cwd: Fixtures.root)
        #expect(typo == 64)
        #expect(typoErr.contains("no phase 'nope' in scenarios/orcha.yaml"))
        let (none, _, noneErr) = try runTool(["budget", "check", "scenarios/code-refactor.yaml"] + c, cwd: Fixtures.root)
        #expect(none == 65)
        #expect(noneErr.contains("the scenario has no budgets"))
    }

    /// A bill with $80 of RDS by 14 November: the database budget ($120) forecasts
    /// 80 + 16 × (80 × 30 + 16 × 57.47) / 900 = 139.01 and fires; the total stays OK.
    @Test func billsDecideTheStateAndVarianceIsPerService() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let hot = dir.write(
            "hot.csv",
            "BilledCost,ChargePeriodStart,ServiceName,BillingCurrency\n80,2026-11-14T00:00:00Z,Amazon Relational Database Service,USD\n"
        )
        let (status, out, err) = try runTool(
            ["budget", "check", "scenarios/orcha.yaml", "--phase", "mvp", "--actuals", hot] + c, cwd: Fixtures.root)
        #expect(status == 1, "\(err)")
        #expect(out.contains("monthly-total  mvp    ACTUAL > 80%          320.00   80.00  240.00  OK"), "\(out)")
        #expect(out.contains("database       mvp    FORECASTED > 100%     120.00  139.01  -19.01  ALARM"), "\(out)")
        #expect(out.contains("forecast database 2026-11: 139.01 = 80.00 to day 14 of 30 + 16 days"))
        #expect(err.contains("1 budget alarm in ALARM on the bills"))
        let bill = "Tests/Fixtures/bills/cur-legacy.csv"
        let (october, _, _) = try runTool(
            ["budget", "check", "scenarios/orcha.yaml", "--phase", "mvp", "--actuals", bill, "--month", "2026-10"] + c,
            cwd: Fixtures.root)
        #expect(october == 0)
        let (missing, _, missingErr) = try runTool(
            ["budget", "check", "scenarios/orcha.yaml", "--phase", "mvp", "--actuals", bill, "--month", "2026-09"] + c,
            cwd: Fixtures.root)
        #expect(missing == 64)
        #expect(missingErr.contains("the bills hold no spend for 2026-09 (they cover 2026-10, 2026-11)"))
        let (v, table, _) = try runTool(
            ["budget", "variance", "scenarios/orcha.yaml", "--phase", "mvp", "--actuals", bill, "--month", "2026-10"] + c,
            cwd: Fixtures.root)
        #expect(v == 0)
        #expect(table.contains("2026-10  AmazonRDS           57.47   55.06     -2.41    -4.2%"), "\(table)")
        #expect(table.contains("2026-10  TOTAL              128.06  102.85    -25.21   -19.7%"))
        #expect(!table.contains("\n2026-11"))  // rows of other months are left out
    }
}

/// The exported budgets are what `aws budgets create-budget` accepts, by botocore's own
/// parameter validation (scripts/test installs botocore from PyPI into a venv of its own and
/// sets ORCHA_COST_TOOLS_PYTHON).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ORCHA_COST_TOOLS_PYTHON"] != nil, "needs scripts/tools-python"))
struct BudgetExportTests {
    func validate(_ dir: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["ORCHA_COST_TOOLS_PYTHON"]!)
        p.arguments = [Fixtures.root + "/Tests/Tools/validate_budget_export.py", dir]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func botocoreAcceptsTheExport() throws {
        let dir = TempDir()
        let (status, out, err) = try runTool(
            [
                "budget", "export", "scenarios/orcha.yaml", "--format", "aws-cli", "-o", dir.path, "--catalog",
                dir.file("c.sqlite"),
            ],
            cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        #expect(out.contains("--budget file://\(dir.path)/monthly-total.budget.json"))
        let (valid, report) = try validate(dir.path)
        #expect(valid == 0, "\(report)")
        #expect(report.components(separatedBy: "valid CreateBudget parameters").count - 1 == 4, "\(report)")
        #expect(readText(dir.file("database.budget.json")).contains("\"Service\": [\"Amazon Relational Database Service\"]"))
        #expect(
            readText(dir.file("database.budget.json")).contains(
                "\"TagKeyValue\": [\"user:Project$orcha\"]"))
        // A tenant scope filters on the tag Tenant alone, a tag scope on its tag alone: AWS counts a
        // cost carrying any one of a filter's tags, so the scenario's tags would widen them.
        #expect(
            readText(dir.file("tenant-1.budget.json")).contains("\"CostFilters\": {\"TagKeyValue\": [\"user:Tenant$tenant-1\"]}"))
        #expect(readText(dir.file("tenant-1.budget.json")).contains("\"Amount\": \"30.00\""))
        #expect(
            readText(dir.file("prod-compute.budget.json")).contains(
                "\"CostFilters\": {\"Service\": [\"Amazon Elastic Compute Cloud - Compute\"], \"TagKeyValue\": [\"user:Environment$prod\"]}"
            ))

        // The check can fail: a threshold written as text is not a CreateBudget parameter.
        let notifications = dir.file("database.notifications.json")
        dir.write(
            "database.notifications.json",
            readText(notifications).replacingOccurrences(of: "\"Threshold\": 100", with: "\"Threshold\": \"100\""))
        let (invalid, invalidReport) = try validate(dir.path)
        #expect(invalid == 1)
        #expect(invalidReport.contains("Threshold"), "\(invalidReport)")
        dir.write("database.notifications.json", readText(notifications).replacingOccurrences(of: "\"100\"", with: "100"))

        // The validator also refuses a tag given twice in a filter, and a tag value not written user:KEY$VALUE.
        let tenant = dir.file("tenant-1.budget.json")
        let good = readText(tenant)
        dir.write(
            "tenant-1.budget.json",
            good.replacingOccurrences(
                of: "[\"user:Tenant$tenant-1\"]", with: "[\"user:Tenant$tenant-1\", \"user:Tenant$tenant-1\"]"))
        let (twice, twiceReport) = try validate(dir.path)
        #expect(
            twice == 1
                && twiceReport.contains("tenant-1.budget.json: CostFilters TagKeyValue lists 'user:Tenant$tenant-1' twice"),
            "\(twiceReport)")
        dir.write("tenant-1.budget.json", good.replacingOccurrences(of: "user:Tenant$tenant-1", with: "Tenant:tenant-1"))
        let (bare, bareReport) = try validate(dir.path)
        #expect(bare == 1 && bareReport.contains("'Tenant:tenant-1' is not user:KEY$VALUE"), "\(bareReport)")
    }

    /// A budget scoped by a tenant and another tag needs costs carrying both; an AWS cost filter
    /// counts costs carrying either, so the export refuses it rather than write a wider budget.
    @Test func aScopeOfSeveralTagsIsNotExported() throws {
        let dir = TempDir()
        let path = dir.write(
            "o.yaml",
            readText(Fixtures.root + "/scenarios/orcha.yaml") + """
                  - name: prod-tenant-2
                    amount: 30
                    scope: {tenant: tenant-2, tags: {Environment: prod}}
                    notifications:
                      - {type: ACTUAL, comparison: GREATER_THAN, threshold: 100, subscribers: [a@example.com]}

                """)
        let out = dir.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let (status, _, err) = try runTool(
            ["budget", "export", path, "--format", "aws-cli", "-o", out, "--catalog", dir.file("c.sqlite")])
        #expect(status == 65, "\(err)")
        #expect(
            err.contains(
                "o.yaml:232:5: error: budget 'prod-tenant-2' covers costs carrying all of Environment=prod, Tenant=tenant-2, but an AWS Budgets cost filter counts costs carrying any one of its tags: it cannot be exported as one budget"
            ), "\(err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)  // nothing half-written
    }
}

@Suite struct TriggersCommandTests {
    /// 26 days of business metrics: 5 paying customers on the last day, 52 quotes, one critical
    /// bug 22 days before the newest datapoint.
    func metrics(_ dir: TempDir) -> String {
        var rows = ["timestamp,metric,value,team"]
        for d in 1...26 {
            let day = "2026-11-" + (d < 10 ? "0\(d)" : "\(d)")
            rows.append("\(day),paying_customers,\(min(5, (d - 1) / 5)),sales")
            rows.append("\(day)T12:00:00Z,quotes_created,2,sales")
            rows.append("\(day),critical_bugs,\(d == 4 ? 1 : 0),eng")
        }
        return dir.write("business.csv", rows.joined(separator: "\n") + "\n")
    }

    @Test func v15IsDueAndFailWhenDueExitsOne() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let file = metrics(dir)
        let (status, out, err) = try runTool(
            ["triggers", "scenarios/quoting-app.yaml", "--metrics", file] + c, cwd: Fixtures.root)
        #expect(status == 0, "\(err)")
        #expect(
            out.contains(
                "v1.5: DUE (3 of 3 required met); 207.21/month, +161.38 from the phase it extends; exceeds roadmap (150.00/month)"
            ),
            "\(out)")
        #expect(out.contains("sum(critical_bugs over 14d) == 0  MET        0  sum = 0 from 14 datapoints over 14d"), "\(out)")
        #expect(out.contains("db_cpu_percent > 60 sustained 3 of 5 periods of 1h  UNKNOWN         no data for db_cpu_percent"))
        let (due, json, dueErr) = try runTool(
            ["triggers", "scenarios/quoting-app.yaml", "--metrics", file, "--fail-when-due", "--format", "json"] + c,
            cwd: Fixtures.root)
        #expect(due == 1)
        #expect(dueErr.contains("due: v1.5"))
        #expect(
            json.contains(
                "{\n    \"phase\": \"v1.5\",\n    \"due\": true,\n    \"met\": 3,\n    \"required\": 3,\n    \"monthly_cost\": \"207.21\""
            ),
            "\(json)")
        // Evaluated on 10 November, the bug of the 4th is inside the 14 days and only 2 customers pay.
        let (early, earlyOut, _) = try runTool(
            ["triggers", "scenarios/quoting-app.yaml", "--metrics", file, "--at", "2026-11-10", "--fail-when-due"] + c,
            cwd: Fixtures.root)
        #expect(early == 0)
        #expect(earlyOut.contains("v1.5: not due (0 of 3 required met)"), "\(earlyOut)")
        let (none, _, noneErr) = try runTool(["triggers", "scenarios/orcha.yaml", "--metrics", file] + c, cwd: Fixtures.root)
        #expect(none == 65)
        #expect(noneErr.contains("no phase of the scenario has triggers"))
    }
}
