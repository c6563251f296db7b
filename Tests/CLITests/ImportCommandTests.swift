import Foundation
import TestSupport
import Testing

/// `orcha-cost import cloudformation` through the real binary: exit statuses, stdout, -o.
@Suite struct ImportCommandTests {
    static let cdkOut = Fixtures.root + "/Tests/Fixtures/cloudformation/orcha-cdk/cdk.out"

    @Test func withoutOutputTheScenarioGoesToStdout() throws {
        let (status, out, err) = try runTool([
            "import", "cloudformation", Self.cdkOut + "/DataStack.template.json", Self.cdkOut + "/FoundationStack.template.json",
        ])
        #expect(status == 0, "\(err)")
        #expect(out.contains("region: eu-central-1\n"))
        #expect(out.contains("      - id: database\n        type: rds_instance\n        instance_class: db.t4g.medium\n"))
        #expect(err.isEmpty)
    }

    @Test func theOutputIsWrittenWholeAndChecks() throws {
        let dir = TempDir()
        let target = dir.file("deployed.yaml")
        let (status, _, err) = try runTool([
            "import", "cloudformation", Self.cdkOut + "/OpsStack.template.json", "--phase", "mvp", "-o", target,
        ])
        #expect(status == 0, "\(err)")
        #expect(err == "wrote \(target): 4 priced resources from 1 template in eu-central-1, 16 free\n")
        let (checked, out, _) = try runTool(["check", target, "--catalog", dir.file("c.sqlite")])
        #expect(checked == 0)
        #expect(out.contains("ok: 1 phases, 4 resources, 7 prices"))
        #expect(readText(target).contains("  - id: mvp\n"))
    }

    @Test func exitStatuses() throws {
        let dir = TempDir()
        let plain = dir.write("t.json", #"{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}"#)
        var (status, _, err) = try runTool(["import", "cloudformation", dir.file("missing.json"), "--region", "eu-central-1"])
        #expect(status == 66)
        #expect(err.hasPrefix(dir.file("missing.json") + ": error: no such template file"))
        (status, _, err) = try runTool(["import", "cloudformation", plain])
        #expect(status == 64)
        #expect(err.contains("the templates do not say their region"))
        (status, _, err) = try runTool(["import", "cloudformation", plain, "--region", "eu-wset-1"])
        #expect(status == 64)
        #expect(err.contains("did you mean 'eu-west-1'?"))
        (status, _, err) = try runTool(["import", "cloudformation", plain, "--region", "eu-west-1", "-o", dir.path])
        #expect(status == 73)
        #expect(err.contains("is a directory"))
    }
}
