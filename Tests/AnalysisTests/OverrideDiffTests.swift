import Analysis
import CostModel
import TestSupport
import Testing

func planShipped(_ name: String, set: [String]) throws -> ScenarioCost {
    try withEngine { try $0.plan(path: Fixtures.root + "/scenarios/\(name).yaml", overrides: try Overrides(set)) }
}

func overrideError(_ name: String, _ set: [String]) -> UserError? {
    do {
        _ = try planShipped(name, set: set)
        return nil
    } catch let e as UserError {
        return e
    } catch {
        return nil
    }
}

@Suite struct OverrideDiffTests {
    /// The Orcha MVP moved from eu-central-1 to us-east-1, line by line.
    @Test func regionDiffOfTheOrchaMVP() throws {
        let before = try #require(try planShipped("orcha").phase("mvp"))
        let after = try #require(try planShipped("orcha", set: ["region=us-east-1"]).phase("mvp"))
        let diff = PhaseDiff(before: before, after: after, beforeLabel: "eu-central-1", afterLabel: "us-east-1")
        let changed = diff.lines.filter { $0.status == "changed" }.map {
            "\($0.resource)/\($0.component): \($0.before!.monthlyCost.usd) -> \($0.after!.monthlyCost.usd)"
        }
        #expect(
            changed == [
                "app/instance hours: 28.03 -> 24.53",  // 730 h × $0.0384 -> × $0.0336
                "app/EBS gp3 storage: 0.76 -> 0.64",  // 8 GB × $0.0952 -> × $0.08
                "alb/load balancer hours: 19.71 -> 16.43",  // 730 h × $0.027 -> × $0.0225
                "db/instance hours: 54.02 -> 47.45",  // 730 h × $0.074 -> × $0.065
                "storage/Standard storage: 1.35 -> 1.27",  // 55 GB × $0.0245 -> × $0.023
                "storage/PUT/COPY/POST/LIST requests: 0.54 -> 0.50",
                "storage/GET and other requests: 0.22 -> 0.20",
            ])
        #expect(diff.lines.filter { $0.status == "same" }.count == 16)
        #expect(diff.change.usd == "-13.61")
        #expect(diff.percent?.formatted(decimals: 2) == "-10.63")
        #expect(after.lines.allSatisfy { $0.region == "us-east-1" })
    }

    /// 70% of the quoting app's task hours on Fargate Spot (ap-southeast-2, v1.5: 2..6 tasks of
    /// 0.25 vCPU / 0.5 GB, 4 expected).
    @Test func fargateSpotShareOf70Percent() throws {
        let base = try #require(try planShipped("quoting-app").phase("v1.5"))
        let spot = try #require(try planShipped("quoting-app", set: ["api.spot_share=0.7"]).phase("v1.5"))
        let api = Dictionary(
            uniqueKeysWithValues: spot.lines.filter { $0.resource == "api" }.map { ($0.component, $0.monthlyCost.usd) })
        // 2920 task-hours: 876 on-demand, 2044 Spot
        #expect(
            api == [
                "vCPU hours": "10.63",  // 219 vCPU-h × $0.04856
                "memory GB-hours": "2.33",  // 438 GB-h × $0.00532
                "Spot vCPU hours": "7.44",  // 511 vCPU-h × $0.014568
                "Spot memory GB-hours": "1.63",  // 1022 GB-h × $0.001596
            ])
        #expect((spot.monthlyCost - base.monthlyCost).usd == "-21.19")
    }

    @Test func usageAndHoursOverrides() throws {
        let cost = try planShipped("orcha", set: ["nat_gb=1000", "hours_per_month=720"])
        let nat = try #require(cost.phase("nat")?.lines.first { $0.resource == "nat" && $0.component == "data processed" })
        #expect(nat.monthlyCost.usd == "52.00")  // 1000 GB × $0.052
        #expect(nat.low == nat.high)
        let app = try #require(cost.phase("mvp")?.lines.first { $0.resource == "app" && $0.component == "instance hours" })
        #expect(app.quantity == Quantity(720))
    }

    @Test(arguments: [
        (["nat_bg=5"], "--set: no usage input 'nat_bg' in"),
        (["app.cout=2"], "--set: app (ec2_instance) has no parameter 'cout'. did you mean 'count'?"),
        (["ap.count=2"], "--set: no resource 'ap' in"),
        (["app.count=two"], "--set: app.count: 'count' must be a non-negative number in count"),
        (["db.engine=oracle"], "--set: db.engine: 'engine' must be one of postgres, mysql, mariadb, not 'oracle'."),
        (["nat_gb=-1"], "--set: nat_gb=-1: not a non-negative number or range"),
        (["hours_per_month=800"], "--set: hours_per_month must be one number between 1 and 744"),
        (["novalue"], "--set 'novalue' must be KEY=VALUE"),
    ])
    func badOverridesAreCommandLineErrors(set: [String], message: String) throws {
        let error = try #require(overrideError("orcha", set))
        #expect(error.status == .usage)
        #expect(error.description.contains(message), "\(error)")
    }

    @Test func thresholds() throws {
        let before = try #require(try planShipped("orcha").phase("waf"))
        let after = try #require(try planShipped("orcha").phase("nat"))
        let diff = PhaseDiff(before: before, after: after, beforeLabel: "waf", afterLabel: "nat")
        #expect(diff.change.usd == "39.51")
        #expect(Threshold.parse("39.50")!.exceeded(by: diff))
        #expect(!Threshold.parse("39.51")!.exceeded(by: diff))
        #expect(Threshold.parse("13%")!.exceeded(by: diff))  // +13.36%
        #expect(!Threshold.parse("13.4%")!.exceeded(by: diff))
        #expect(Threshold.parse("ten") == nil)
    }
}
