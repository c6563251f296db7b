import Analysis
import CostModel
import Testing

/// Problems the engine finds with the rules' help: all reported together, with line:col.
@Suite struct EngineCheckTests {
    @Test func typesParametersUnitsAndPricesAreChecked() throws {
        let error = try #require(
            planError(
                """
                name: t
                region: eu-central-1
                usage:
                  stored:
                    value: 10
                    unit: GB-month
                phases:
                  - id: p
                    resources:
                      - id: a
                        type: ec2_instanse
                      - id: b
                        type: nat_gateway
                        gb_procesed: 10
                      - id: c
                        type: nat_gateway
                        gb_processed: $stored
                      - id: d
                        type: ec2_instance
                        instance_type: t4g.huge
                      - id: e
                        type: rds_instance
                        storage_gb: -3
                      - id: f
                        type: fargate_service
                        vcpu: 1
                        memory_gb: 2
                        spot_share: 1.5
                        arch: risc
                """))
        let lines = error.description.split(separator: "\n").filter { !$0.hasPrefix("  hint") }
        #expect(
            lines == [
                "t.yaml:11:15: error: unknown resource type 'ec2_instanse'. did you mean 'ec2_instance'?",
                "t.yaml:14:22: error: unknown parameter 'gb_procesed' for type nat_gateway. did you mean 'gb_processed'?",
                "t.yaml:17:23: error: 'gb_processed' is in GB but usage input 'stored' is in GB-month",
                "t.yaml:20:24: error: no price for 'ec2.instance.t4g.huge.linux' in eu-central-1. did you mean 'ec2.instance.t4g.large.linux'?",
                "t.yaml:23:21: error: 'storage_gb' must be a non-negative number in GB (or a range low..high), not '-3'",
                "t.yaml:21:9: error: resource 'e' (rds_instance) needs 'instance_class': e.g. db.t4g.medium",
                "t.yaml:29:15: error: 'arch' must be one of x86, arm, not 'risc'.",
            ], "\(error)")
        #expect(
            error.description.contains(
                "hint: run orcha-cost catalog update --region eu-central-1 --service AmazonEC2 to fetch AWS's price list"))
    }

    @Test func fixedCostsNeedASource() throws {
        let error = try #require(
            planError(
                """
                name: t
                region: eu-central-1
                phases:
                  - id: p
                    resources:
                      - id: sentry
                        type: fixed
                        monthly: 26
                """))
        #expect(error.description.hasPrefix("t.yaml:6:9: error: resource 'sentry' (fixed) needs 'source'"), "\(error)")
    }

    @Test func spotShareAboveOne() throws {
        let error = try #require(
            planError(
                """
                name: t
                region: eu-central-1
                phases:
                  - id: p
                    resources:
                      - id: f
                        type: fargate_service
                        vcpu: 1
                        memory_gb: 2
                        spot_share: 1.5
                """))
        #expect(error.description.hasPrefix("t.yaml:10:21: error: spot_share is a fraction between 0 and 1"), "\(error)")
    }
}
