import CostModel
import Scenarios
import Testing

func loadError(_ yaml: String) -> UserError? {
    do {
        let s = try ScenarioLoader.parse(yaml, path: "s.yaml")
        _ = try PhaseResolver.resolve(s)
        return nil
    } catch let e as UserError {
        return e
    } catch {
        Issue.record("unexpected \(error)")
        return nil
    }
}

@Suite struct ScenarioLoaderTests {
    let minimal = """
        name: test
        region: eu-central-1
        usage:
          gb:
            value: 50..400
            unit: GB
        phases:
          - id: base
            resources:
              - id: nat
                type: nat_gateway
                gb_processed: $gb
              - id: app
                type: ec2_instance
                instance_type: t4g.medium
          - id: more
            extends: base
            usage:
              gb: 1000
            change:
              - id: app
                count: 2
            add:
              - id: ip
                type: public_ipv4
            remove:
              - nat
        """

    @Test func parsesAndResolvesPhasesAsDeltas() throws {
        let scenario = try ScenarioLoader.parse(minimal, path: "s.yaml")
        #expect(scenario.hoursPerMonth == Quantity(730))
        #expect(scenario.currency == "USD")
        #expect(scenario.usage.map(\.name) == ["gb"])
        #expect(scenario.usage[0].value == Estimate(low: Quantity(50), expected: Quantity(225), high: Quantity(400)))
        let phases = try PhaseResolver.resolve(scenario)
        #expect(phases.map(\.id) == ["base", "more"])
        #expect(phases[0].resources.map(\.id) == ["nat", "app"])
        #expect(phases[1].resources.map(\.id) == ["app", "ip"])
        #expect(phases[1].resources[0].params["count"]?.value == .number(Estimate(Quantity(2))))
        #expect(phases[1].resources[0].params["instance_type"]?.value == .text("t4g.medium"))
        #expect(phases[1].usage["gb"] == Estimate(Quantity(1000)))
        #expect(phases[0].resources[0].params["gb_processed"]?.value == .usage("gb"))
        let loc = try #require(phases[0].resources[1].params["instance_type"]?.location)
        #expect((loc.line, loc.column) == (15, 24))
    }

    @Test func everyStructuralErrorOfTheFileIsReportedWithLineAndColumn() throws {
        let yaml = """
            name: test
            regoin: eu-central-1
            usage:
              gb:
                value: -5
                unit: GB
              hours:
                value: 10
                unit: hour-ish
            phases:
              - id: base
                resources:
                  - id: a
                    type: nat_gateway
                    gb_processed: 400..50
              - id: next
                extends: nope
              - id: base
                resources: []
            """
        let error = try #require(loadError(yaml))
        let lines = error.description.split(separator: "\n").filter { !$0.hasPrefix("  hint") }
        #expect(
            lines == [
                "s.yaml:2:1: error: unknown key 'regoin' in the scenario. did you mean 'region'?",
                "s.yaml:1:1: error: missing required key 'region'",
                "s.yaml:5:12: error: usage input 'gb': '-5' is not a non-negative number or range: not a number (digits with an optional '.', e.g. 730 or 0.5)",
                "s.yaml:9:11: error: unknown unit 'hour-ish'.",
                "s.yaml:15:23: error: parameter 'gb_processed': range '400..50' has its low end above its high end",
                "s.yaml:17:14: error: phase 'next' extends 'nope', which is not an earlier phase.",
                "s.yaml:18:5: error: duplicate phase id 'base' (first at line 11)",
            ], "\(error)")
        #expect(error.status == .dataError)
    }

    @Test(arguments: [
        (
            "name: a\n\tregion: eu-central-1\n",
            "s.yaml:2:1: error: a tab character in the indentation: YAML indents with spaces only"
        ),
        ("name: a\nname: b\nregion: eu-central-1\nphases: []\n", "s.yaml:1:1: error: duplicate key 'name' in one mapping"),
        ("", "s.yaml:1: error: empty scenario file"),
        ("- 1\n- 2\n", "s.yaml:1:1: error: the scenario must be a mapping (key: value lines), not a list"),
        (
            "name: a\nregion: eu-central-1\nphases:\n  - id: p\n    resources: &r\n      - id: x\n        type: sqs\n  - id: q\n    resources: *r\n",
            "s.yaml:5:16: error: anchors (&name) and aliases (*name) are not supported in scenarios"
        ),
        ("name: a\nregion: eu-central-1\nphases:\n  - id: p\n    extends: p\n", "s.yaml:5:14: error: phase 'p' extends itself"),
        (
            "name: a\nregion: eu-central-1\nphases:\n  - id: p\n    resources:\n      - id: a\n        type: sqs\n      - id: a\n        type: sns\n",
            "s.yaml:8:9: error: duplicate resource id 'a' (also at line 6)"
        ),
        (
            "name: a\nregion: eu-central-1\nphases:\n  - id: p\n    resources:\n      - id: a\n        type: sqs\n  - id: q\n    extends: p\n    remove: [b]\n",
            "s.yaml:10:14: error: cannot remove 'b': phase 'p' has no such resource."
        ),
        (
            "name: a\nregion: eu-central-1\nhours_per_month: 1000\nphases:\n  - id: p\n",
            "s.yaml:3:18: error: hours_per_month must be one number between 1 and 744"
        ),
        (
            "name: a\nregion: eu-central-1\nphases:\n  - id: p\n    tenants: 3\n",
            "s.yaml:5:14: error: tenants is set but the phase has no per_tenant resources"
        ),
    ])
    func badFiles(yaml: String, expected: String) throws {
        let error = try #require(loadError(yaml))
        #expect(error.description.hasPrefix(expected), "\(error)")
    }

    @Test func billionLaughsIsRejectedQuickly() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "name: a\nregion: eu-central-1\nphases: *a11\n"
        let error = try #require(loadError(yaml))
        #expect(error.description.contains("anchors (&name) and aliases (*name) are not supported"))
    }

    @Test func estimates() {
        #expect(Estimate.parse("50..400") == .success(Estimate(low: Quantity(50), expected: Quantity(225), high: Quantity(400))))
        #expect(Estimate.parse("0.5..1.5").map(\.expected) == .success(Quantity(1)))
        #expect(Estimate.parse("7") == .success(Estimate(Quantity(7))))
        #expect(Estimate.parse("1..x") == .failure(.notANumber))
    }
}
