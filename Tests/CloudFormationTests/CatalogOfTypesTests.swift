import Analysis
import CloudFormation
import CostModel
import Foundation
import Scenarios
import TestSupport
import Testing

/// One resource of each mapped CloudFormation type the seed's CDK app does not use, in a
/// hand-written JSON template (Tests/Fixtures/cloudformation/json/catalog-of-types.json) whose
/// properties follow the CloudFormation resource reference. The fixture was validated with
/// cfn-lint 1.58.0 (`cfn-lint --regions us-east-1 -- catalog-of-types.json`: no errors or
/// warnings); the tests do not need cfn-lint.
@Suite struct CatalogOfTypesTests {
    static let template = Fixtures.root + "/Tests/Fixtures/cloudformation/json/catalog-of-types.json"
    static func lines(_ y: String, _ id: String) -> [String] { ResolutionTests.resource(y, id) }
    static func note(_ ids: String...) -> String {
        "note: \"" + ids.map { "catalog-of-types.json: \($0)" }.joined(separator: ", ") + "\""
    }

    @Test func eachTypeMapsWithTheParametersTheTemplateStates() throws {
        let result = try CloudFormationImport.run(paths: [Self.template], region: "us-east-1")
        let y = result.yaml
        #expect(result.unknown.isEmpty)
        #expect(result.priced.count == 24)
        let expected: [String: [String]] = [
            // The NIC's AssociatePublicIpAddress gives the public IP; the block device its 30 GB gp3.
            "bastion-host": [
                "type: ec2_instance", "instance_type: t3.small", "count: 1", "ebs_gb: 30", "public_ipv4: 1",
                Self.note("BastionHost"),
            ],
            "legacy-elb": [
                "type: classic_elb", "count: 1", "gb_processed: $legacy_elb_gb_processed", Self.note("LegacyElb"),
            ],
            "ingress-nlb": ["type: nlb", "count: 1", "nlcu: $ingress_nlb_nlcu", Self.note("IngressNlb")],
            "inspection-gwlb": [
                "type: gateway_load_balancer", "count: 1", "glcu: $inspection_gwlb_glcu", Self.note("InspectionGwlb"),
            ],
            // Aurora Standard (no StorageType): its two instances, and I/O requests as usage.
            "reporting": [
                "type: aurora", "engine: mysql", "instances: 2", "instance_class: db.t3.medium",
                "storage_gb: $reporting_storage_gb", "io_requests: $reporting_io_requests",
                Self.note("Reporting", "ReportingWriter", "ReportingReader"),
            ],
            // Serverless v2 on aurora-iopt1: I/O-Optimized, the scaling range as the ACU input, no I/O input.
            "orders": [
                "type: aurora_serverless_v2", "storage_config: io_optimized", "instances: 1", "acu: $orders_acu",
                "storage_gb: $orders_storage_gb", Self.note("Orders", "OrdersWriter"),
            ],
            "sessions": [
                "type: elasticache", "engine: redis", "serverless: true", "data_gb: $sessions_data_gb",
                "ecpus: $sessions_ecpus", Self.note("Sessions"),
            ],
            // ThroughputMode provisioned with 64 MiB/s; the lifecycle policy's IA class as usage.
            "shared-files": [
                "type: efs", "provisioned_throughput_mbps: 64", "storage_gb: $shared_files_storage_gb",
                "ia_storage_gb: $shared_files_ia_storage_gb", "ia_read_gb: $shared_files_ia_read_gb",
                Self.note("SharedFiles"),
            ],
            // Kubernetes 1.29 left standard support on 2025-03-23; UpgradePolicy EXTENDED keeps it.
            "platform": ["type: eks_cluster", "count: 1", "support: extended", Self.note("Platform")],
            "data-key": ["type: kms", "keys: 1", "symmetric_requests: $data_key_symmetric_requests", Self.note("DataKey")],
            // Data events selected (an S3 data resource) and management events included.
            "audit-trail": [
                "type: cloudtrail", "data_events: $audit_trail_data_events",
                "additional_management_events: $audit_trail_additional_management_events", Self.note("AuditTrail"),
            ],
            "order-events": ["type: eventbridge", "custom_events: $order_events_custom_events", Self.note("OrderEvents")],
            "fulfilment": [
                "type: step_functions", "workflow: express", "requests: $fulfilment_requests",
                "duration_ms: $fulfilment_duration_ms", Self.note("Fulfilment"),
            ],
            "feature-flags": [
                "type: ssm_parameter", "advanced_parameters: 1", "api_interactions: $feature_flags_api_interactions",
                Self.note("FeatureFlags"),
            ],
            // 4 provisioned shards kept 168 hours (extended retention), PUT payload units as usage.
            "clicks": [
                "type: kinesis_stream", "shards: 4", "extended_retention: true", "put_payload_units: $clicks_put_payload_units",
                Self.note("Clicks"),
            ],
            "audit-stream": [
                "type: kinesis_stream", "mode: on_demand", "ingested_gb: $audit_stream_ingested_gb",
                "retrieved_gb: $audit_stream_retrieved_gb", Self.note("AuditStream"),
            ],
            "click-archive": ["type: firehose", "ingested_gb: $click_archive_ingested_gb", Self.note("ClickArchive")],
            // The VPC attachment and the VPN's own attachment to the transit gateway.
            "transit-gateway": [
                "type: transit_gateway", "attachments: 2", "gb_processed: $transit_gateway_gb_processed",
                Self.note("HubAttachment", "OfficeVpn"),
            ],
            "office-vpn": ["type: vpn_connection", "count: 1", Self.note("OfficeVpn")],
            "users": ["type: cognito", "mau: $users_mau", Self.note("Users")],
            "site": [
                "type: cloudfront", "area: us", "data_out_gb: $site_data_out_gb", "https_requests: $site_https_requests",
                Self.note("Site"),
            ],
            // The prod stage's 1.6 GB cache.
            "partner-api": [
                "type: api_gateway", "api: rest", "cache_gb: 1.6", "requests: $partner_api_requests",
                Self.note("PartnerApi", "PartnerApiProd"),
            ],
            "mobile-api": ["type: api_gateway", "api: http", "requests: $mobile_api_requests", Self.note("MobileApi")],
        ]
        for (id, want) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(Self.lines(y, id) == want, "\(id)")
        }
        #expect(
            y.contains("#   - platform: Kubernetes 1.29 left EKS standard support on 2025-03-23: priced at extended support\n"))
        #expect(
            y.contains(
                "#   - site: viewers are priced at CloudFront's us edge prices (near us-east-1, served by PriceClass_100): the template cannot say where viewers are\n"
            ))
        #expect(result.free["AWS::RDS::DBInstance"] == 3)
        #expect(result.free["AWS::EC2::TransitGateway"] == 1)
    }

    @Test func theImportChecksAndPlansFromTheOfflineSheets() throws {
        let result = try CloudFormationImport.run(paths: [Self.template], region: "us-east-1")
        let dir = TempDir()
        let path = dir.write("imported.yaml", result.yaml)
        let (status, out, err) = try runTool(["check", path, "--catalog", dir.file("c.sqlite")])
        #expect(status == 0, "\(err)")
        #expect(out.contains("ok: 1 phases, 24 resources, 49 prices"))
        var engine = Engine(catalog: try dir.catalog())
        let phase = try #require(try engine.plan(path: path).phases.first)
        // Every resource prices something; usage-only types price their usage inputs' ranges.
        #expect(Set(phase.lines.map(\.resource)).count == 24)
        func cost(_ resource: String, _ key: String) -> String? {
            phase.lines.first { $0.resource == resource && $0.priceKey == key }?.monthlyCost.formatted(decimals: 2)
        }
        // Stated parameters, at the sheet's us-east-1 prices for 730 hours.
        #expect(cost("platform", "eks.cluster.extended_support.hour") == "438.00")  // 730 × 0.60
        #expect(cost("reporting", "aurora.mysql.db.t3.medium") == "119.72")  // 2 × 730 × 0.082
        #expect(cost("clicks", "kinesis.shard_hour") == "43.80")  // 4 × 730 × 0.015
        #expect(cost("office-vpn", "vpc.vpn_connection") == "36.50")  // 730 × 0.05
        #expect(cost("transit-gateway", "vpc.transit_gateway.vpc_attachment") == "73.00")  // 2 × 730 × 0.05
        #expect(cost("partner-api", "apigateway.cache.1.55") == "27.74")  // 730 × 0.038
        #expect(cost("feature-flags", "ssm.parameter.advanced") == "0.05")
        #expect(cost("data-key", "kms.key") == "1.00")
        #expect(phase.monthlyCost.formatted(decimals: 2) == "1940.57")
    }
}

/// Mapping details outside the catalog template: the legacy Aurora engine name, a cluster
/// named by its identifier, counts from Fn::GetAZs, and the scenario ids.
@Suite struct MappingDetailTests {
    @Test func legacyAuroraIsMySQLAndInstancesFindTheirClusterByName() throws {
        let dir = TempDir()
        let t = dir.write(
            "t.yaml",
            """
            Resources:
              Legacy:
                Type: AWS::RDS::DBCluster
                Properties: {Engine: aurora, DBClusterIdentifier: Legacy-Cluster, MasterUsername: admin}
              LegacyOne:
                Type: AWS::RDS::DBInstance
                Properties: {DBClusterIdentifier: legacy-cluster, DBInstanceClass: db.t3.medium, Engine: aurora}
            """)
        let y = try CloudFormationImport.run(paths: [t], region: "us-east-1").yaml
        #expect(
            ResolutionTests.resource(y, "legacy").prefix(4) == [
                "type: aurora", "engine: mysql", "instances: 1", "instance_class: db.t3.medium",
            ])
        #expect(!y.contains("no DBInstance of the cluster"))
    }

    @Test func aCountFromGetAZsSaysItTookThreeAZs() throws {
        let dir = TempDir()
        let yaml = """
            Resources:
              Workers:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "6"
                  DesiredCapacity: {"Fn::Length": !GetAZs ""}
                  AvailabilityZones: !GetAZs ""
                  LaunchConfigurationName: !Ref Config
              Config:
                Type: AWS::AutoScaling::LaunchConfiguration
                Properties: {ImageId: ami-1, InstanceType: t3.micro}
              Single:
                Type: AWS::EC2::Instance
                Properties: {InstanceType: t3.small, AvailabilityZone: !Select [0, !GetAZs ""]}
            """
        let t = dir.write("t.yaml", yaml)
        var y = try CloudFormationImport.run(paths: [t], region: "eu-west-1").yaml
        #expect(
            ResolutionTests.resource(y, "workers").prefix(3) == ["type: ec2_instance", "count: 3", "instance_type: t3.micro"])
        let note =
            "workers: a count comes from Fn::GetAZs, taken as three AZs (eu-west-1a, eu-west-1b, eu-west-1c): the templates and CDK context name no AZs, and eu-west-1 may have more"
        #expect(y.contains("#   - \(note)\n"))
        // An AZ picked from the list is no count: no note for the single instance.
        #expect(!y.contains("single: a count comes from Fn::GetAZs"))
        // The CDK context names the region's AZs: Fn::GetAZs gives those, and no note.
        dir.write(
            "cdk.context.json",
            #"{"availability-zones:account=123456789012:region=eu-west-1": ["eu-west-1a", "eu-west-1b"]}"#)
        y = try CloudFormationImport.run(paths: [t], region: "eu-west-1").yaml
        #expect(ResolutionTests.resource(y, "workers").prefix(2) == ["type: ec2_instance", "count: 2"])
        #expect(!y.contains("Fn::GetAZs"))
    }

    @Test func idsDropHashesStackNamesAndRepeatedWords() throws {
        let dir = TempDir()
        let t = dir.write(
            "DataStack.template.json",
            """
            {"Resources": {
              "DataStackDatabaseSecretE9FBAC883fdaad7efa858a3daf9490cf0a702aeb": {"Type": "AWS::SecretsManager::Secret"},
              "AsgASG1A2B3C4D": {"Type": "AWS::EC2::EIP"},
              "ALBListenerBucket0A1B2C3D": {"Type": "AWS::Route53::HostedZone"},
              "Logsapplication3D64D1D4": {"Type": "AWS::Events::EventBus"},
              "ÜberQueue": {"Type": "AWS::Kinesis::Stream", "Properties": {"ShardCount": 1}},
              "Uber": {"Type": "AWS::Kinesis::Stream", "Properties": {"ShardCount": 2}},
              "Platform": {"Type": "AWS::EKS::Cluster"},
              "PlatformFargate": {"Type": "AWS::EKS::Cluster", "Properties": {"Version": "1.29"}}
            }}
            """)
        let first = try CloudFormationImport.run(paths: [t], region: "eu-central-1").yaml
        let ids = first.split(separator: "\n").filter { $0.hasPrefix("      - id: ") }.map { String($0.dropFirst(12)) }
        // Non-ASCII letters separate words (the scenario's ids are ASCII); a clash takes -2.
        #expect(
            ids == [
                "database-secret", "asg", "alb-listener-bucket", "logsapplication", "ber-queue", "uber", "platform",
                "platform-fargate",
            ])
        let second = try CloudFormationImport.run(paths: [t], region: "eu-central-1").yaml
        #expect(first == second)
        _ = try ScenarioLoader.parse(first, path: "imported.yaml")
    }

    @Test func clashingNamesTakeANumericSuffix() throws {
        let dir = TempDir()
        let t = dir.write(
            "t.json",
            """
            {"Resources": {
              "Cache": {"Type": "AWS::Kinesis::Stream", "Properties": {"ShardCount": 1}},
              "CacheA1B2C3D4": {"Type": "AWS::Kinesis::Stream", "Properties": {"ShardCount": 2}},
              "Cache2": {"Type": "AWS::EKS::Cluster"}
            }}
            """)
        let y = try CloudFormationImport.run(paths: [t], region: "eu-central-1").yaml
        let ids = y.split(separator: "\n").filter { $0.hasPrefix("      - id: ") }.map { String($0.dropFirst(12)) }
        #expect(ids == ["cache", "cache-2", "cache2"])
        _ = try ScenarioLoader.parse(y, path: "imported.yaml")
    }
}
