import Analysis
import CloudFormation
import CostModel
import Foundation
import Scenarios
import TestSupport
import Testing

/// Seed 002's CDK app, synthesized by the real CDK (Tests/Fixtures/cloudformation/orcha-cdk,
/// scripts/synth-cdk-fixtures), imported and priced against the mvp phase of
/// scenarios/orcha.yaml, which was written from the same seed by hand.
@Suite struct SeedImportTests {
    static let cdkOut = Fixtures.root + "/Tests/Fixtures/cloudformation/orcha-cdk/cdk.out"
    static let templates = ["FoundationStack", "DataStack", "ComputeStack", "OpsStack"].map {
        cdkOut + "/\($0).template.json"
    }

    /// The imported scenario written to a file, and the engine's plan of it (with overrides).
    static func planImport(_ set: [String] = []) throws -> (CloudFormationImport.Result, PhaseCost, PhaseCost) {
        let result = try CloudFormationImport.run(paths: templates, region: nil)
        let dir = TempDir()
        let path = dir.write("imported.yaml", result.yaml)
        var engine = Engine(catalog: try dir.catalog())
        let imported = try engine.plan(path: path, overrides: try Overrides(set))
        let roadmap = try engine.plan(path: Fixtures.root + "/scenarios/orcha.yaml")
        return (result, try #require(imported.phase("deployed")), try #require(roadmap.phase("mvp")))
    }

    @Test func theRegionComesFromTheCDKManifest() throws {
        let result = try CloudFormationImport.run(paths: Self.templates, region: nil)
        #expect(result.region == "eu-central-1")
        #expect(result.unknown.isEmpty)
        #expect(result.free.values.reduce(0, +) == 51)
        #expect(result.free["AWS::IAM::Role"] == 8)
        #expect(result.priced.count == 12)
    }

    @Test func everyResourceNamesItsTemplateAndLogicalId() throws {
        let result = try CloudFormationImport.run(paths: Self.templates, region: nil)
        let scenario = try ScenarioLoader.parse(result.yaml, path: "imported.yaml")
        let resources = try #require(scenario.phases.first?.resources)
        #expect(resources.count == 12)
        let text = result.yaml
        #expect(text.contains("note: \"DataStack.template.json: DatabaseB269D8BB\""))
        #expect(text.contains("ComputeStack.template.json: AsgASGD1D7B4E2, ComputeStack.template.json: LaunchTemplate04EC5460"))
        #expect(text.contains("ARM_CONTAINER (ARM) has no sourced CodeBuild price yet"))
    }

    /// Where the templates state the parameters, the lines equal the hand-written mvp phase;
    /// the lines that differ are exactly those of usage inputs the templates cannot know.
    @Test func statedParametersGiveTheMvpLines() throws {
        let (_, imported, mvp) = try Self.planImport()
        let diff = PhaseDiff(before: imported, after: mvp, beforeLabel: "imported", afterLabel: "mvp", matchingTypes: true)
        #expect(diff.lines.allSatisfy { $0.before != nil && $0.after != nil }, "every line has its counterpart")
        let changed = diff.lines.filter {
            $0.before?.monthlyCost != $0.after?.monthlyCost || $0.before?.quantity != $0.after?.quantity
        }
        let byUsage: Set<String> = [
            "secrets_manager/API requests", "s3/PUT/COPY/POST/LIST requests", "s3/GET and other requests", "ecr/image storage",
            "route53/queries", "sns/publish requests", "sns/email notifications",
        ]
        #expect(Set(changed.map { "\($0.after!.type)/\($0.component)" }) == byUsage)
        // What the templates state: one t4g.medium with an 8 GB gp3 root volume and a public IP,
        // the ALB, RDS db.t4g.medium with 30 GB gp3, one secret, ten alarms, a hosted zone, a pipeline.
        for l in diff.lines where !byUsage.contains("\(l.after!.type)/\(l.component)") {
            #expect(l.before!.quantity == l.after!.quantity, "\(l.resource) \(l.component)")
            #expect(l.before!.unitPrice == l.after!.unitPrice, "\(l.resource) \(l.component)")
            #expect(l.before!.priceKey == l.after!.priceKey, "\(l.resource) \(l.component)")
        }
        #expect(imported.monthlyCost.formatted(decimals: 2) == "128.07")
        #expect(mvp.monthlyCost.formatted(decimals: 2) == "128.06")
    }

    /// With the usage the roadmap assumes filled in, the import prices to the cent of the mvp
    /// phase, line by line, at expected, low and high usage.
    @Test func withTheRoadmapsUsageTheImportIsTheMvpPhase() throws {
        let (_, imported, mvp) = try Self.planImport([
            "database_secret_api_requests=10000", "buckets_put_requests=100000", "buckets_get_requests=500000",
            "repository_image_gb=2", "zone_queries=1000000", "alerts_requests=1000", "alerts_email_notifications=1000",
        ])
        let diff = PhaseDiff(before: imported, after: mvp, beforeLabel: "imported", afterLabel: "mvp", matchingTypes: true)
        for l in diff.lines {
            #expect(l.before?.monthlyCost == l.after?.monthlyCost, "\(l.resource) \(l.component)")
            #expect(l.before?.low == l.after?.low, "\(l.resource) \(l.component)")
            #expect(l.before?.high == l.after?.high, "\(l.resource) \(l.component)")
        }
        #expect(diff.lines.count == 23)
        #expect(imported.monthlyCost.formatted(decimals: 2) == "128.06")
        #expect(imported.low.formatted(decimals: 2) == "119.85")
        #expect(imported.high.formatted(decimals: 2) == "136.26")
    }

    @Test func theImportPassesCheckAsWritten() throws {
        let result = try CloudFormationImport.run(paths: Self.templates, region: nil)
        let dir = TempDir()
        let (status, out, err) = try runTool([
            "check", dir.write("imported.yaml", result.yaml), "--catalog", dir.file("c.sqlite"),
        ])
        #expect(status == 0, "\(err)")
        #expect(out.contains("ok: 1 phases, 12 resources, 23 prices"))
    }
}
