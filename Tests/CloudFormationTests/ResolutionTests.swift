import Analysis
import CloudFormation
import CostModel
import Foundation
import Scenarios
import TestSupport
import Testing

/// Intrinsic functions and resource mapping on hand-written templates (YAML with short-form
/// tags, JSON), nested stacks and cross-stack exports.
@Suite struct ResolutionTests {
    static let services = Fixtures.root + "/Tests/Fixtures/cloudformation/yaml/services.yaml"

    /// The resource `id` of an imported scenario as `key: value` lines.
    static func resource(_ yaml: String, _ id: String) -> [String] {
        let lines = yaml.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(of: "      - id: \(id)") else { return [] }
        return Array(lines[(start + 1)...].prefix { $0.hasPrefix("        ") }.map { $0.trimmingCharacters(in: .whitespaces) })
    }

    @Test func shortFormTagsResolve() throws {
        let result = try CloudFormationImport.run(paths: [Self.services], region: "us-east-1")
        let y = result.yaml
        // Fn::FindInMap by a parameter's default, Fn::If on an Fn::And of conditions with AWS::Region.
        #expect(
            Self.resource(y, "workers") == [
                "type: ec2_instance", "count: 2", "instance_type: t4g.large", "ebs_gb: 70",
                "note: \"services.yaml: Workers, services.yaml: WorkerConfig\"",
            ])
        #expect(
            Self.resource(y, "cache").prefix(4) == [
                "type: elasticache", "node_type: cache.t4g.micro", "engine: redis", "nodes: 2",
            ])
        // The task definition by Ref: 512 CPU units and 1024 MiB, ARM64, 3 tasks from the mapping.
        #expect(
            Self.resource(y, "api").prefix(6) == [
                "type: fargate_service", "tasks: 3", "vcpu: 0.5", "memory_gb: 1", "arch: arm",
                "note: \"services.yaml: Api, services.yaml: TaskDef\"",
            ])
        #expect(
            Self.resource(y, "table").prefix(6) == [
                "type: dynamodb", "capacity_mode: provisioned", "wcu: 5", "rcu: 20", "pitr: true",
                "storage_gb: $table_storage_gb",
            ])
        #expect(
            Self.resource(y, "handler").prefix(4) == [
                "type: lambda", "memory_mb: 1024", "arch: arm", "ephemeral_storage_mb: 1024",
            ])
        #expect(Self.resource(y, "sqs-endpoint").prefix(3) == ["type: vpc_endpoint_interface", "endpoints: 1", "azs: 2"])
        #expect(Self.resource(y, "s3-endpoint").prefix(2) == ["type: vpc_endpoint_gateway", "count: 1"])
        #expect(Self.resource(y, "firewall").prefix(3) == ["type: waf", "web_acls: 1", "rules: 3"])
        #expect(Self.resource(y, "jobs").prefix(3) == ["type: sqs", "queues: 1", "queue_type: fifo"])
        #expect(
            Self.resource(y, "search").prefix(4) == [
                "type: opensearch", "instance_type: c4.2xlarge.search", "instances: 2", "storage_gb: 100",
            ])
        #expect(Self.resource(y, "scratch").prefix(4) == ["type: ebs_volume", "count: 1", "size_gb: 200", "volume_type: st1"])
        // The queue whose condition is false is not created; QLDB has no type; IAM is free.
        #expect(y.contains("#   - services.yaml: DevOnlyQueue (condition IsDev is false)"))
        #expect(result.unknown.map(\.source) == ["services.yaml: Ledger"])
        // Standard-IA with provisioned throughput: priced as Standard, with the way to price it as billed.
        let standardIA =
            "#   - table: TableClass STANDARD_INFREQUENT_ACCESS with provisioned throughput is priced as a Standard table "
            + "(its WCU, RCU and storage at Standard prices): Standard-IA tables bill reads and writes at their own "
            + "prices, which orcha-cost has no key for. To price it as billed, run `orcha-cost catalog update "
            + "--service AmazonDynamoDB`, set table_class: standard_ia with wcu and rcu 0 (storage at Standard-IA "
            + "prices), and add two aws_usage resources with service AmazonDynamoDB: usage_type "
            + "IA-WriteCapacityUnit-Hrs, quantity 3650 (WCU-hours a month), and usage_type IA-ReadCapacityUnit-Hrs, "
            + "quantity 14600 (RCU-hours a month)\n"
        #expect(y.contains(standardIA))
        // An ECR repository without a lifecycle count: the image count is a usage input.
        #expect(
            Self.resource(y, "registry").prefix(3) == ["type: ecr", "images: $registry_images", "image_gb: $registry_image_gb"])
        // The import plans from the offline sheets: every resource priced.
        let dir = TempDir()
        var engine = Engine(catalog: try dir.catalog())
        let phase = try #require(try engine.plan(path: dir.write("imported.yaml", y)).phases.first)
        #expect(Set(phase.lines.map(\.resource)).count == result.priced.count)
        // Only the S3 gateway endpoint is free (AWS charges nothing for gateway endpoints).
        #expect(phase.lines.filter { $0.monthlyCost == .zero }.map(\.priceKey) == ["vpc.endpoint.gateway"])
        // DynamoDB: 5 WCU and 20 RCU for 730 hours at the sheet's 0.00065 / 0.00013.
        #expect(phase.lines.first { $0.priceKey == "dynamodb.provisioned.wcu" }?.monthlyCost.formatted(decimals: 2) == "2.37")
        #expect(phase.lines.first { $0.priceKey == "dynamodb.provisioned.rcu" }?.monthlyCost.formatted(decimals: 2) == "1.90")
    }

    @Test func anotherRegionChangesTheConditions() throws {
        // ProdInVirginia is false in eu-central-1: the launch configuration's Fn::If takes t4g.small.
        let y = try CloudFormationImport.run(paths: [Self.services], region: "eu-central-1").yaml
        #expect(Self.resource(y, "workers").contains("instance_type: t4g.small"))
    }

    @Test func nestedStacksAndExportsResolve() throws {
        let dir = TempDir()
        let parent = dir.write(
            "parent.json",
            """
            {"Parameters": {"Size": {"Type": "String", "Default": "t4g.small"}},
             "Resources": {
               "Network": {"Type": "AWS::CloudFormation::Stack",
                           "Properties": {"TemplateURL": "https://s3.amazonaws.com/cdk-assets/abc.json",
                                          "Parameters": {"InstanceType": {"Ref": "Size"}, "Count": "3"}},
                           "Metadata": {"aws:asset:path": "child.nested.template.json"}},
               "Db": {"Type": "AWS::RDS::DBInstance",
                      "Properties": {"DBInstanceClass": {"Fn::ImportValue": "shared-db-class"}, "Engine": "mysql",
                                     "AllocatedStorage": {"Fn::Select": [1, {"Fn::Split": [",", "10,50,100"]}]},
                                     "StorageType": "io1", "Iops": 1000, "MultiAZ": "true"}}
             }}
            """)
        dir.write(
            "child.nested.template.json",
            """
            {"Parameters": {"InstanceType": {"Type": "String", "Default": "t3.micro"}, "Count": {"Type": "Number"}},
             "Resources": {
               "Group": {"Type": "AWS::AutoScaling::AutoScalingGroup",
                         "Properties": {"MinSize": {"Ref": "Count"}, "MaxSize": "6",
                                        "LaunchTemplate": {"LaunchTemplateId": {"Ref": "Template"}, "Version": "1"}}},
               "Template": {"Type": "AWS::EC2::LaunchTemplate",
                            "Properties": {"LaunchTemplateData": {"InstanceType": {"Ref": "InstanceType"}}}}
             },
             "Outputs": {"DbClass": {"Value": "db.t4g.micro", "Export": {"Name": {"Fn::Join": ["-", ["shared", "db", "class"]]}}}}}
            """)
        let result = try CloudFormationImport.run(paths: [parent], region: "eu-central-1")
        let y = result.yaml
        #expect(result.templates.count == 2)
        #expect(
            Self.resource(y, "group").prefix(4) == ["type: ec2_instance", "count: 3", "instance_type: t4g.small", "ebs_gb: 8"])
        #expect(y.contains("group: no DesiredCapacity: priced at MinSize 3 (scaling adds instances)"))
        #expect(y.contains("group: the root volume's size comes from the AMI: 8 GB gp3 assumed"))
        #expect(
            Self.resource(y, "db").prefix(7) == [
                "type: rds_instance", "instance_class: db.t4g.micro", "engine: mysql", "multi_az: true", "storage_gb: 50",
                "storage_type: io1", "iops: 1000",
            ])
    }

    @Test func whatCannotBeResolvedIsAnAssumptionNotAZero() throws {
        let dir = TempDir()
        let t = dir.write(
            "t.yaml",
            """
            Parameters:
              DbClass: {Type: String}
              Ami: {Type: "AWS::SSM::Parameter::Value<String>", Default: /aws/service/ami}
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties: {DBInstanceClass: db.t4g.micro, Engine: postgres, AllocatedStorage: !Ref Ami}
              Server:
                Type: AWS::EC2::Instance
                Properties: {ImageId: !Ref Ami, InstanceType: !Ref DbClass}
            """)
        let y = try CloudFormationImport.run(paths: [t], region: "eu-west-1").yaml
        #expect(
            y.contains(
                "db: AllocatedStorage is not known from the template (parameter 'Ami' of t.yaml is read from SSM Parameter Store when deploying): 20 GB assumed"
            ))
        #expect(
            y.contains(
                "server: InstanceType is not known from the template (parameter 'DbClass' of t.yaml has no default): CloudFormation's default m1.small"
            ))
    }

    @Test func noRegionIsACommandLineError() throws {
        let dir = TempDir()
        let t = dir.write("t.json", #"{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}"#)
        let error = try #require(throws: UserError.self) { try CloudFormationImport.run(paths: [t], region: nil) }
        #expect(error.status == .usage)
        #expect(error.description.contains("the templates do not say their region"))
        #expect(error.description.contains("--region eu-central-1"))
    }

    @Test func errorsOfSeveralTemplatesAreReportedTogether() throws {
        let dir = TempDir()
        let a = dir.write("a.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Ref Nope}\n")
        let b = dir.write(
            "b.json",
            "{\"Resources\": {\"T\": {\"Type\": \"AWS::SNS::Topic\", \"Properties\": {\"X\": {\"Fn::GetAtt\": [\"Q\", \"Arn\"]}}}}}"
        )
        let error = try #require(throws: UserError.self) { try CloudFormationImport.run(paths: [a, b], region: "eu-central-1") }
        #expect(error.status == .dataError)
        #expect(
            error.diagnostics.map { "\($0.path.split(separator: "/").last!):\($0.line!):\($0.column!)" } == [
                "a.yaml:4:29", "b.json:1:84",
            ])
    }
}

/// Inputs that could loop or overflow: each ends in an answer, never a crash.
@Suite struct HostileTemplateTests {
    @Test func selfReferringDefaultsAndMappingsAreAssumptionsNotLoops() throws {
        let dir = TempDir()
        let t = dir.write(
            "t.yaml",
            """
            Parameters:
              P: {Type: String, Default: !Ref P}
            Mappings:
              M: {a: {b: !FindInMap [M, a, b]}}
            Resources:
              Q:
                Type: AWS::EC2::Instance
                Properties: {InstanceType: !Ref P, ImageId: !FindInMap [M, a, b]}
            """)
        let y = try CloudFormationImport.run(paths: [t], region: "eu-central-1").yaml
        #expect(y.contains("q: InstanceType is not known from the template (intrinsic functions are not allowed there)"))
    }

    @Test func aLongCycleIsOneShortError() throws {
        let dir = TempDir()
        var resources: [String] = []
        for i in 0..<3000 {
            resources.append(
                "\"R\(i)\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"QueueName\": {\"Ref\": \"R\((i + 1) % 3000)\"}}}")
        }
        let t = dir.write("t.json", "{\"Resources\": {\(resources.joined(separator: ",\n"))}}")
        let error = try #require(throws: UserError.self) { try CloudFormationImport.run(paths: [t], region: "eu-central-1") }
        #expect(error.diagnostics.count == 1)
        #expect(
            error.diagnostics.first?.message
                == "circular reference between resources: R0 -> R1 -> R2 -> R3 -> R4 -> ... (3000 in all) -> R2998 -> R2999 -> R0"
        )
    }

    @Test func hugeCountsDoNotOverflow() throws {
        let dir = TempDir()
        let t = dir.write(
            "t.yaml",
            """
            Resources:
              Group:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {CacheNodeType: cache.t4g.micro, NumNodeGroups: 9223372036854775807, ReplicasPerNodeGroup: 9223372036854775807}
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties: {Cpu: "99999999999999999", Memory: "512"}
              Service:
                Type: AWS::ECS::Service
                Properties: {LaunchType: FARGATE, TaskDefinition: !Ref Task}
            """)
        let y = try CloudFormationImport.run(paths: [t], region: "eu-central-1").yaml
        #expect(ResolutionTests.resource(y, "group").contains("nodes: 1"))
        #expect(ResolutionTests.resource(y, "service").contains("vcpu: 0.25"))
    }
}

extension HostileTemplateTests {
    @Test func unusableCountsAreStatedAssumptions() throws {
        let dir = TempDir()
        let t = dir.write(
            "t.yaml",
            """
            Resources:
              Group:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {CacheNodeType: cache.t4g.micro, NumNodeGroups: 99999999999999999999}
            """)
        let y = try CloudFormationImport.run(paths: [t], region: "eu-central-1").yaml
        #expect(y.contains("group: NumNodeGroups or ReplicasPerNodeGroup is not a usable count: 1 group, no replicas assumed"))
    }
}
