import CostModel
import Foundation

/// Maps template resources onto orcha-cost resource types, with the parameters the templates
/// state; everything else is a usage input to fill in or a stated assumption.
struct ResourceMapper {
    var resolver: Resolver

    /// Resource types with no charge of their own (or charged through another resource).
    static let free: Set<String> = [
        "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation",
        "AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry",
        "AWS::EC2::SubnetNetworkAclAssociation", "AWS::EC2::LaunchTemplate", "AWS::EC2::EIPAssociation", "AWS::EC2::KeyPair",
        "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::VPCCidrBlock", "AWS::EC2::PrefixList", "AWS::EC2::FlowLog",
        "AWS::EC2::TransitGateway", "AWS::EC2::TransitGatewayRouteTable", "AWS::EC2::TransitGatewayRoute",
        "AWS::EC2::TransitGatewayRouteTableAssociation", "AWS::EC2::TransitGatewayRouteTablePropagation",
        "AWS::EC2::CustomerGateway", "AWS::EC2::VPNGateway", "AWS::EC2::VPCGatewayAttachment",
        "AWS::EC2::VPNGatewayRoutePropagation",
        "AWS::EC2::VPNConnectionRoute", "AWS::EC2::VPCEndpointService", "AWS::EC2::VPCEndpointServicePermissions",
        "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile", "AWS::IAM::User",
        "AWS::IAM::Group", "AWS::IAM::UserToGroupAddition", "AWS::IAM::AccessKey", "AWS::IAM::ServiceLinkedRole",
        "AWS::IAM::OIDCProvider", "AWS::AutoScaling::LaunchConfiguration", "AWS::AutoScaling::ScalingPolicy",
        "AWS::AutoScaling::ScheduledAction", "AWS::AutoScaling::LifecycleHook", "AWS::ApplicationAutoScaling::ScalableTarget",
        "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::ElasticLoadBalancingV2::ListenerRule", "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::ElasticLoadBalancingV2::ListenerCertificate", "AWS::CertificateManager::Certificate",
        "AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup", "AWS::Logs::MetricFilter", "AWS::Logs::SubscriptionFilter",
        "AWS::Logs::ResourcePolicy", "AWS::SNS::Subscription", "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy",
        "AWS::S3::BucketPolicy", "AWS::ECS::Cluster", "AWS::ECS::TaskDefinition", "AWS::ECS::ClusterCapacityProviderAssociations",
        "AWS::RDS::DBSubnetGroup", "AWS::RDS::DBParameterGroup", "AWS::RDS::DBClusterParameterGroup", "AWS::RDS::OptionGroup",
        "AWS::ElastiCache::SubnetGroup", "AWS::ElastiCache::ParameterGroup", "AWS::ElastiCache::User",
        "AWS::ElastiCache::UserGroup", "AWS::SecretsManager::SecretTargetAttachment", "AWS::SecretsManager::RotationSchedule",
        "AWS::SecretsManager::ResourcePolicy", "AWS::CodeDeploy::Application", "AWS::CodeDeploy::DeploymentGroup",
        "AWS::CodeDeploy::DeploymentConfig", "AWS::CodeStarConnections::Connection",
        "AWS::CodeStarNotifications::NotificationRule",
        "AWS::CDK::Metadata", "AWS::Lambda::Permission", "AWS::Lambda::EventSourceMapping", "AWS::Lambda::Version",
        "AWS::Lambda::Alias", "AWS::Lambda::LayerVersion", "AWS::Lambda::EventInvokeConfig", "AWS::Lambda::Url",
        "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage", "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method",
        "AWS::ApiGateway::Account", "AWS::ApiGateway::Authorizer", "AWS::ApiGateway::Model", "AWS::ApiGateway::RequestValidator",
        "AWS::ApiGateway::BasePathMapping", "AWS::ApiGateway::DomainName", "AWS::ApiGateway::UsagePlan",
        "AWS::ApiGateway::UsagePlanKey", "AWS::ApiGateway::ApiKey", "AWS::ApiGateway::GatewayResponse",
        "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Integration",
        "AWS::ApiGatewayV2::Authorizer", "AWS::ApiGatewayV2::Deployment", "AWS::ApiGatewayV2::DomainName",
        "AWS::ApiGatewayV2::ApiMapping", "AWS::Events::Rule", "AWS::Budgets::Budget", "AWS::KMS::Alias",
        "AWS::CloudFormation::WaitCondition", "AWS::CloudFormation::WaitConditionHandle", "AWS::WAFv2::WebACLAssociation",
        "AWS::WAFv2::IPSet", "AWS::WAFv2::RegexPatternSet", "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolDomain",
        "AWS::Cognito::UserPoolGroup", "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::CloudFrontOriginAccessIdentity",
        "AWS::CloudFront::CachePolicy", "AWS::CloudFront::OriginRequestPolicy", "AWS::CloudFront::ResponseHeadersPolicy",
        "AWS::CloudFront::Function", "AWS::EKS::Addon", "AWS::EKS::AccessEntry", "AWS::EFS::MountTarget", "AWS::EFS::AccessPoint",
        "AWS::Events::Archive", "AWS::StepFunctions::Activity", "AWS::ECR::RegistryPolicy", "AWS::ECR::ReplicationConfiguration",
        "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::AnomalyDetector", "AWS::SSM::Document", "AWS::SSM::Association",
        "AWS::ServiceDiscovery::PrivateDnsNamespace", "AWS::Glue::Database", "AWS::Kinesis::StreamConsumer",
    ]

    // MARK: - helpers

    mutating func property(_ r: StackTemplate.Resource, in stack: Int, _ path: String...) -> Resolved? {
        var v = r.properties
        for key in path { v = v?[key] }
        guard let v else { return nil }
        let resolved = resolver.resolve(v, in: stack)
        if case .noValue = resolved { return nil }
        return resolved
    }

    /// A non-negative decimal number written as text, or nil.
    static func number(_ r: Resolved?) -> String? {
        guard let t = r?.text?.trimmingCharacters(in: .whitespaces), !t.isEmpty,
            t.allSatisfy({ $0.isNumber || $0 == "." }), t.filter({ $0 == "." }).count <= 1, t.first != ".", t.last != "."
        else { return nil }
        return t
    }

    /// A whole number up to 10^9 (counts, sizes, CPU units), nil otherwise: larger ones would
    /// overflow sums here, and orcha-cost refuses such quantities anyway.
    static func int(_ r: Resolved?) -> Int? {
        number(r).flatMap { $0.count <= 10 ? Int($0) : nil }.flatMap { $0 <= 1_000_000_000 ? $0 : nil }
    }

    static func flag(_ r: Resolved?) -> Bool? {
        switch r?.text?.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The scenario name of a logical id: CDK's 8-character hash dropped, kebab case.
    static func name(_ id: String) -> String {
        var base = Array(id)
        let lowerHex = base.reversed().prefix { $0.isHexDigit && !$0.isUppercase }.count
        // A CDK secret's id ends in its 8-character hash and a 32-character one.
        if lowerHex >= 32 && base.count > lowerHex + 8 { base.removeLast(32) }
        let hash = base.suffix(8)
        if base.count > 8, hash.allSatisfy({ $0.isHexDigit && !$0.isLowercase }), hash.contains(where: \.isNumber) {
            base.removeLast(8)
        }
        var out = ""
        var previous: Character?
        for c in base {
            if c.isUppercase, let p = previous, p.isLowercase || p.isNumber { out.append("-") }
            if c.isLetter || c.isNumber {
                out.append(Character(c.lowercased()))
            } else if c == "-" || c == "_", !out.isEmpty, out.last != "-" {
                out.append("-")
            }
            previous = c
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "resource" : out
    }

    /// Records why a parameter was not taken from the template.
    static func unknownNote(_ what: String, _ r: Resolved?) -> String {
        if let reason = r?.unknownReason { return "\(what) is not known from the template (\(reason))" }
        return "\(what) is not stated in the template"
    }

    /// The resource a value points to (`Ref`, `Fn::GetAtt`, or an export of one), if any.
    func target(_ r: Resolved?) -> (stack: Int, resource: StackTemplate.Resource)? {
        switch r {
        case .resource(let s, let id)?, .attribute(let s, let id, _)?:
            return resolver.stacks[s].resource(id).map { (s, $0) }
        default: return nil
        }
    }

    // MARK: - mapping

    enum Outcome {
        case priced([ImportedResource])
        case free
        case unknown
        /// Priced through another resource (an Aurora instance through its cluster).
        case counted
    }

    mutating func map(_ r: StackTemplate.Resource, in stack: Int) -> Outcome {
        let file = resolver.stacks[stack].file
        var x = ImportedResource(type: "", name: Self.name(r.id))
        x.sources = ["\(file): \(r.id)"]
        func done(_ type: String) -> Outcome {
            x.type = type
            return .priced([x])
        }
        switch r.type {
        case "AWS::EC2::Instance":
            let type = property(r, in: stack, "InstanceType")
            if let t = type?.text {
                x.set("instance_type", .text(t))
            } else {
                x.set("instance_type", .text("m1.small"))
                x.assumptions.append(Self.unknownNote("InstanceType", type) + ": CloudFormation's default m1.small")
            }
            x.set("count", .number("1"))
            let data = property(r, in: stack)
            ec2Storage(&x, blockDevices: data?["BlockDeviceMappings"])
            if Self.flag(data?["NetworkInterfaces"]?.list?.first?["AssociatePublicIpAddress"]) == true
                || publicSubnet(data?["SubnetId"])
            {
                x.set("public_ipv4", .number("1"))
            }
            return done("ec2_instance")
        case "AWS::AutoScaling::AutoScalingGroup":
            return autoScalingGroup(r, in: stack, &x)
        case "AWS::ElasticLoadBalancingV2::LoadBalancer":
            switch property(r, in: stack, "Type")?.text ?? "application" {
            case "network":
                x.set("count", .number("1"))
                x.use("nlcu", "LCU", "0.5..2", "average network load balancer capacity units (NLCU)")
                return done("nlb")
            case "gateway":
                x.set("count", .number("1"))
                x.use("glcu", "LCU", "0.5..2", "average gateway load balancer capacity units (GLCU)")
                return done("gateway_load_balancer")
            default:
                x.set("count", .number("1"))
                x.use("lcu", "LCU", "0.5..1.5", "average load balancer capacity units (LCU)")
                return done("alb")
            }
        case "AWS::ElasticLoadBalancing::LoadBalancer":
            x.set("count", .number("1"))
            x.use("gb_processed", "GB", "10..100", "GB processed by the classic load balancer per month")
            return done("classic_elb")
        case "AWS::RDS::DBInstance":
            if property(r, in: stack, "DBClusterIdentifier") != nil { return .counted }
            return rdsInstance(r, in: stack, &x)
        case "AWS::RDS::DBCluster":
            return auroraCluster(r, in: stack, &x)
        case "AWS::ElastiCache::CacheCluster":
            cacheNodes(&x, type: property(r, in: stack, "CacheNodeType"), engine: property(r, in: stack, "Engine"))
            x.set("nodes", .number(Self.number(property(r, in: stack, "NumCacheNodes")) ?? "1"))
            return done("elasticache")
        case "AWS::ElastiCache::ReplicationGroup":
            cacheNodes(&x, type: property(r, in: stack, "CacheNodeType"), engine: property(r, in: stack, "Engine"))
            if let n = Self.number(property(r, in: stack, "NumCacheClusters")) {
                x.set("nodes", .number(n))
            } else {
                let groupsStated = property(r, in: stack, "NumNodeGroups")
                let replicasStated = property(r, in: stack, "ReplicasPerNodeGroup")
                let groups = Self.int(groupsStated) ?? 1
                let replicas = Self.int(replicasStated) ?? 0
                if (groupsStated != nil && Self.int(groupsStated) == nil)
                    || (replicasStated != nil && Self.int(replicasStated) == nil)
                {
                    x.assumptions.append(
                        "NumNodeGroups or ReplicasPerNodeGroup is not a usable count: 1 group, no replicas assumed")
                }
                x.set("nodes", .number(String(groups * (replicas + 1))))
            }
            return done("elasticache")
        case "AWS::ElastiCache::ServerlessCache":
            let engine = property(r, in: stack, "Engine")?.text?.lowercased() ?? "redis"
            x.set("engine", .text(["valkey", "memcached"].contains(engine) ? engine : "redis"))
            x.set("serverless", .flag(true))
            x.use("data_gb", "GB", "1..5", "average GB stored in the serverless cache")
            x.use("ecpus", "request", "10000000..100000000", "ElastiCache processing units (ECPUs) per month")
            return done("elasticache")
        case "AWS::ECS::Service":
            return ecsService(r, in: stack, &x)
        case "AWS::SQS::Queue":
            x.set("queues", .number("1"))
            if Self.flag(property(r, in: stack, "FifoQueue")) == true { x.set("queue_type", .text("fifo")) }
            x.use("requests", "request", "1000000..5000000", "SQS API requests per month (polling included)")
            return done("sqs")
        case "AWS::SNS::Topic":
            x.set("topics", .number("1"))
            if Self.flag(property(r, in: stack, "FifoTopic")) == true { x.set("fifo", .flag(true)) }
            x.use("requests", "request", "1000..100000", "SNS publish requests per month")
            if hasEmailSubscription(r, in: stack) {
                x.use("email_notifications", "message", "100..10000", "email notifications delivered per month")
            }
            return done("sns")
        case "AWS::S3::Bucket":
            x.set("buckets", .number("1"))
            x.use("storage_gb", "GB", "10..100", "GB stored in the S3 buckets")
            x.use("put_requests", "request", "10000..200000", "S3 PUT/COPY/POST/LIST requests per month")
            x.use("get_requests", "request", "100000..1000000", "S3 GET requests per month")
            return done("s3")
        case "AWS::ECR::Repository":
            if let n = Self.ecrImageCount(property(r, in: stack, "LifecyclePolicy", "LifecyclePolicyText")) {
                x.set("images", .number(n))
            } else {
                x.use("images", "count", "5..20", "images kept in the ECR repository (no lifecycle rule keeps a count)")
            }
            x.use("image_gb", "GB", "0.5..2", "compressed size of one image in ECR")
            return done("ecr")
        case "AWS::CloudWatch::Alarm":
            let period = Self.int(property(r, in: stack, "Period")) ?? 60
            x.set(period < 60 ? "high_resolution_alarms" : "alarms", .number("1"))
            return done("cloudwatch")
        case "AWS::CloudWatch::Dashboard":
            x.set("dashboards", .number("1"))
            return done("cloudwatch")
        case "AWS::Logs::LogGroup":
            x.use("logs_ingest_gb", "GB", "1..10", "GB of logs ingested per month, all log groups")
            x.use("logs_storage_gb", "GB", "1..10", "GB of logs stored (retention), all log groups")
            return done("cloudwatch")
        case "AWS::SecretsManager::Secret":
            x.set("secrets", .number("1"))
            x.use("api_requests", "request", "1000..100000", "Secrets Manager API requests per month")
            return done("secrets_manager")
        case "AWS::EC2::NatGateway":
            x.set("count", .number("1"))
            x.use("gb_processed", "GB", "10..200", "GB through the NAT gateways per month")
            return done("nat_gateway")
        case "AWS::EC2::EIP":
            x.set("count", .number("1"))
            return done("public_ipv4")
        case "AWS::EC2::VPCEndpoint":
            switch property(r, in: stack, "VpcEndpointType")?.text ?? "Gateway" {
            case "Interface":
                x.set("endpoints", .number("1"))
                let subnets = property(r, in: stack, "SubnetIds")?.list
                if let n = subnets?.count, n > 0 {
                    x.set("azs", .number(String(n)))
                } else {
                    x.set("azs", .number("2"))
                    x.assumptions.append("the endpoint's subnets are not known from the template: 2 AZs assumed")
                }
                x.use("gb_processed", "GB", "10..100", "GB through the interface endpoints per month")
                return done("vpc_endpoint_interface")
            case "GatewayLoadBalancer":
                x.set("endpoints", .number("1"))
                x.use("gb_processed", "GB", "10..100", "GB through the Gateway Load Balancer endpoints per month")
                return done("gateway_load_balancer_endpoint")
            default:
                x.set("count", .number("1"))
                return done("vpc_endpoint_gateway")
            }
        case "AWS::WAFv2::WebACL":
            x.set("web_acls", .number("1"))
            x.set("rules", .number(String(property(r, in: stack, "Rules")?.list?.count ?? 0)))
            x.use("requests", "request", "1000000..10000000", "web requests inspected by WAF per month")
            return done("waf")
        case "AWS::CodeBuild::Project":
            let compute = property(r, in: stack, "Environment", "ComputeType")?.text ?? "BUILD_GENERAL1_SMALL"
            let envType = property(r, in: stack, "Environment", "Type")?.text ?? "LINUX_CONTAINER"
            let size =
                compute.hasSuffix("LARGE")
                ? "large" : compute.hasSuffix("MEDIUM") ? "medium" : compute.hasSuffix("SMALL") ? "small" : nil
            x.set("compute", .text("general1.\(size ?? "small")"))
            if size == nil { x.assumptions.append("compute type \(compute) is priced as general1.small") }
            if envType.hasPrefix("ARM") {
                x.assumptions.append(
                    "\(envType) (ARM) has no sourced CodeBuild price yet: priced as general1.\(size ?? "small") (x86)")
            }
            x.use("build_minutes", "minute", "200..600", "CodeBuild minutes per month")
            return done("codebuild")
        case "AWS::CodePipeline::Pipeline":
            x.set("pipelines", .number("1"))
            if property(r, in: stack, "PipelineType")?.text == "V2" {
                x.assumptions.append("a V2 pipeline is billed per action minute; priced as one V1 active pipeline")
            }
            return done("codepipeline")
        case "AWS::Route53::HostedZone":
            x.set("hosted_zones", .number("1"))
            x.use("queries", "request", "100000..2000000", "standard DNS queries per month")
            return done("route53")
        case "AWS::Route53::HealthCheck":
            x.set("hosted_zones", .number("0"))
            x.set("health_checks", .number("1"))
            return done("route53")
        case "AWS::CloudFront::Distribution":
            let priceClass = property(r, in: stack, "DistributionConfig", "PriceClass")?.text ?? "PriceClass_All"
            x.set("area", .text(priceClass == "PriceClass_All" ? "us" : "eu"))
            x.assumptions.append("viewers are priced in \(priceClass == "PriceClass_All" ? "the US" : "Europe") (\(priceClass))")
            x.use("data_out_gb", "GB", "10..500", "GB delivered by CloudFront per month")
            x.use("https_requests", "request", "1000000..10000000", "HTTPS requests to CloudFront per month")
            return done("cloudfront")
        case "AWS::ApiGateway::RestApi":
            x.set("api", .text("rest"))
            x.use("requests", "request", "1000000..10000000", "REST API requests per month")
            return done("api_gateway")
        case "AWS::ApiGatewayV2::Api":
            guard (property(r, in: stack, "ProtocolType")?.text ?? "HTTP") == "HTTP" else { return .unknown }
            x.set("api", .text("http"))
            x.use("requests", "request", "1000000..10000000", "HTTP API requests per month")
            return done("api_gateway")
        case "AWS::Lambda::Function":
            if let m = Self.number(property(r, in: stack, "MemorySize")) { x.set("memory_mb", .number(m)) }
            if property(r, in: stack, "Architectures")?.list?.first?.text == "arm64" { x.set("arch", .text("arm")) }
            if let e = Self.number(property(r, in: stack, "EphemeralStorage", "Size")) {
                x.set("ephemeral_storage_mb", .number(e))
            }
            x.use("requests", "request", "100000..10000000", "Lambda invocations per month")
            x.use("duration_ms", "ms", "50..500", "average Lambda duration per invocation")
            return done("lambda")
        case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable":
            return dynamoDB(r, in: stack, &x)
        case "AWS::EFS::FileSystem":
            if property(r, in: stack, "AvailabilityZoneName") != nil { x.set("availability", .text("one_zone")) }
            x.use("storage_gb", "GB", "10..100", "GB stored in EFS")
            return done("efs")
        case "AWS::EKS::Cluster":
            x.set("count", .number("1"))
            return done("eks_cluster")
        case "AWS::KMS::Key":
            x.set("keys", .number("1"))
            x.use("symmetric_requests", "request", "10000..1000000", "KMS requests per month")
            return done("kms")
        case "AWS::CloudTrail::Trail":
            x.use("data_events", "request", "0..1000000", "CloudTrail data events per month (the first management trail is free)")
            return done("cloudtrail")
        case "AWS::Events::EventBus":
            x.use("custom_events", "request", "100000..1000000", "custom events published per month")
            return done("eventbridge")
        case "AWS::StepFunctions::StateMachine":
            if property(r, in: stack, "StateMachineType")?.text == "EXPRESS" {
                x.set("workflow", .text("express"))
                x.use("requests", "request", "100000..1000000", "Express workflow executions per month")
                x.use("duration_ms", "ms", "100..1000", "average Express execution duration")
            } else {
                x.use("transitions", "request", "10000..1000000", "state transitions per month")
            }
            return done("step_functions")
        case "AWS::SSM::Parameter":
            guard property(r, in: stack, "Tier")?.text == "Advanced" else { return .free }
            x.set("advanced_parameters", .number("1"))
            return done("ssm_parameter")
        case "AWS::Kinesis::Stream":
            if property(r, in: stack, "StreamModeDetails", "StreamMode")?.text == "ON_DEMAND" {
                x.set("mode", .text("on_demand"))
            } else {
                x.set("shards", .number(Self.number(property(r, in: stack, "ShardCount")) ?? "1"))
            }
            if let h = Self.int(property(r, in: stack, "RetentionPeriodHours")), h > 24 {
                x.set("extended_retention", .flag(true))
            }
            x.use("ingested_gb", "GB", "10..100", "GB written to the stream per month")
            return done("kinesis_stream")
        case "AWS::KinesisFirehose::DeliveryStream":
            x.use("ingested_gb", "GB", "10..100", "GB ingested by Firehose per month")
            return done("firehose")
        case "AWS::OpenSearchService::Domain":
            return openSearch(r, in: stack, &x)
        case "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayVpcAttachment":
            x.set("attachments", .number("1"))
            x.use("gb_processed", "GB", "10..100", "GB sent to the transit gateway per month")
            return done("transit_gateway")
        case "AWS::EC2::VPNConnection":
            x.set("count", .number("1"))
            return done("vpn_connection")
        case "AWS::EC2::Volume":
            x.set("count", .number("1"))
            let size = property(r, in: stack, "Size")
            if let s = Self.number(size) {
                x.set("size_gb", .number(s))
            } else {
                x.use("size_gb", "GB", "8..100", "size of the volume")
                x.assumptions.append(Self.unknownNote("Size", size))
            }
            let type = property(r, in: stack, "VolumeType")?.text ?? "gp2"
            x.set("volume_type", .text(type))
            if let i = Self.number(property(r, in: stack, "Iops")) { x.set("iops", .number(i)) }
            if let t = Self.number(property(r, in: stack, "Throughput")) { x.set("throughput", .number(t)) }
            return done("ebs_volume")
        case "AWS::Cognito::UserPool":
            x.use("mau", "MAU", "100..10000", "monthly active users")
            return done("cognito")
        default:
            if Self.free.contains(r.type) || r.type.hasPrefix("Custom::") || r.type == "AWS::CloudFormation::CustomResource"
                || r.type == "AWS::CloudFormation::Stack"
            {
                return .free
            }
            return .unknown
        }
    }

    // MARK: - EC2 and Auto Scaling

    /// EBS storage from block device mappings: the gp3 size per instance.
    mutating func ec2Storage(_ x: inout ImportedResource, blockDevices: Resolved?) {
        guard let devices = blockDevices?.list, !devices.isEmpty else {
            x.set("ebs_gb", .number("8"))
            x.assumptions.append("the root volume's size comes from the AMI: 8 GB gp3 assumed (Amazon Linux's)")
            return
        }
        var total = 0
        for d in devices {
            guard let ebs = d["Ebs"] else { continue }
            guard let size = Self.int(ebs["VolumeSize"]) else {
                x.assumptions.append("a volume of \(d["DeviceName"]?.text ?? "a device") has no stated size: 8 GB assumed")
                total += 8
                continue
            }
            let type = ebs["VolumeType"]?.text ?? "gp2"
            if type != "gp3" { x.assumptions.append("a \(type) volume of \(size) GB is priced as gp3") }
            total += size
        }
        x.set("ebs_gb", .number(String(total)))
    }

    /// Whether a subnet (a `Ref`, or an export of one) gives public IPv4 addresses at launch.
    mutating func publicSubnet(_ subnet: Resolved?) -> Bool {
        guard let (s, res) = target(subnet), res.type == "AWS::EC2::Subnet" else { return false }
        return Self.flag(property(res, in: s, "MapPublicIpOnLaunch")) == true
    }

    mutating func autoScalingGroup(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        x.type = "ec2_instance"
        let desired = property(r, in: stack, "DesiredCapacity")
        let min = property(r, in: stack, "MinSize")
        if let d = Self.number(desired) {
            x.set("count", .number(d))
        } else if let m = Self.number(min) {
            x.set("count", .number(m))
            if Self.number(property(r, in: stack, "MaxSize")) != m {
                x.assumptions.append("no DesiredCapacity: priced at MinSize \(m) (scaling adds instances)")
            }
        } else {
            x.set("count", .number("1"))
            x.assumptions.append(Self.unknownNote("the group's size", min) + ": 1 instance assumed")
        }
        // The launch template or configuration gives the instance type, volumes and public IP.
        var data: Resolved?
        var dataStack = stack
        let spec =
            property(r, in: stack, "LaunchTemplate")
            ?? property(r, in: stack, "MixedInstancesPolicy", "LaunchTemplate", "LaunchTemplateSpecification")
        if let spec, let (s, lt) = target(spec["LaunchTemplateId"] ?? spec["LaunchTemplateName"]),
            lt.type == "AWS::EC2::LaunchTemplate"
        {
            data = property(lt, in: s, "LaunchTemplateData")
            dataStack = s
            x.sources.append("\(resolver.stacks[s].file): \(lt.id)")
        } else if let (s, lc) = target(property(r, in: stack, "LaunchConfigurationName")),
            lc.type == "AWS::AutoScaling::LaunchConfiguration"
        {
            data = property(lc, in: s)
            dataStack = s
            x.sources.append("\(resolver.stacks[s].file): \(lc.id)")
        }
        _ = dataStack
        let overrides = property(r, in: stack, "MixedInstancesPolicy", "LaunchTemplate", "Overrides")?.list
        if let t = data?["InstanceType"]?.text ?? overrides?.first?["InstanceType"]?.text {
            x.set("instance_type", .text(t))
        } else {
            x.set("instance_type", .text("t3.micro"))
            x.assumptions.append("the instance type is not known from the templates: t3.micro assumed")
        }
        ec2Storage(&x, blockDevices: data?["BlockDeviceMappings"])
        let publicIP =
            Self.flag(data?["NetworkInterfaces"]?.list?.first?["AssociatePublicIpAddress"])
            ?? Self.flag(data?["AssociatePublicIpAddress"])
        if publicIP == true {
            x.set("public_ipv4", .number("1"))
        } else if publicIP == nil, let subnets = property(r, in: stack, "VPCZoneIdentifier")?.list,
            let first = subnets.first, publicSubnet(first)
        {
            x.set("public_ipv4", .number("1"))
        }
        return .priced([x])
    }

    // MARK: - databases

    static func engine(_ e: String?) -> String? {
        switch e?.lowercased() {
        case "postgres": return "postgres"
        case "mysql": return "mysql"
        case "mariadb": return "mariadb"
        default: return nil
        }
    }

    mutating func rdsInstance(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        x.type = "rds_instance"
        let cls = property(r, in: stack, "DBInstanceClass")
        guard let c = cls?.text else {
            x.assumptions.append(Self.unknownNote("DBInstanceClass", cls))
            return .unknown
        }
        x.set("instance_class", .text(c))
        let engineText = property(r, in: stack, "Engine")?.text
        guard let engine = Self.engine(engineText) else { return .unknown }
        x.set("engine", .text(engine))
        if Self.flag(property(r, in: stack, "MultiAZ")) == true { x.set("multi_az", .flag(true)) }
        let storage = property(r, in: stack, "AllocatedStorage")
        if let s = Self.number(storage) {
            x.set("storage_gb", .number(s))
        } else {
            x.set("storage_gb", .number("20"))
            x.assumptions.append(Self.unknownNote("AllocatedStorage", storage) + ": 20 GB assumed")
        }
        let iops = Self.number(property(r, in: stack, "Iops"))
        let type = property(r, in: stack, "StorageType")?.text ?? (iops != nil ? "io1" : "gp2")
        if property(r, in: stack, "StorageType") == nil {
            x.assumptions.append("no StorageType: CloudFormation's default \(type)")
        }
        x.set("storage_type", .text(type))
        if let iops { x.set("iops", .number(iops)) }
        return .priced([x])
    }

    mutating func auroraCluster(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        let engine = property(r, in: stack, "Engine")?.text ?? ""
        guard engine.hasPrefix("aurora") else {
            // A Multi-AZ DB cluster (non-Aurora) has no orcha-cost type yet.
            return .unknown
        }
        // The cluster's instances: DBInstances whose DBClusterIdentifier is a Ref to it.
        var classes: [String] = []
        for (s, t) in resolver.stacks.enumerated() {
            for i in t.resources where i.type == "AWS::RDS::DBInstance" {
                if let (_, c) = target(property(i, in: s, "DBClusterIdentifier")), c.id == r.id, s == stack {
                    classes.append(property(i, in: s, "DBInstanceClass")?.text ?? "db.serverless")
                    x.sources.append("\(t.file): \(i.id)")
                }
            }
        }
        let instances = max(classes.count, 1)
        if classes.isEmpty { x.assumptions.append("no DBInstance of the cluster in the templates: one instance assumed") }
        if property(r, in: stack, "StorageType")?.text == "aurora-iopt1" { x.set("storage_config", .text("io_optimized")) }
        x.set("engine", .text(engine.contains("mysql") ? "mysql" : "postgres"))
        x.set("instances", .number(String(instances)))
        let scaling = property(r, in: stack, "ServerlessV2ScalingConfiguration")
        if scaling != nil || classes.contains("db.serverless") {
            x.type = "aurora_serverless_v2"
            x["engine"] = nil
            let lo = Self.number(scaling?["MinCapacity"]) ?? "0.5"
            let hi = Self.number(scaling?["MaxCapacity"]) ?? lo
            x.use(
                "acu", "ACU", lo == hi ? lo : "\(lo)..\(hi)",
                "average Aurora capacity units per instance (the template's scaling range)")
        } else {
            x.type = "aurora"
            x.set("instance_class", .text(classes.first ?? "db.t4g.medium"))
            if Set(classes).count > 1 { x.assumptions.append("instances of several classes, all priced as \(classes[0])") }
        }
        x.use("storage_gb", "GB", "10..100", "GB of Aurora cluster storage")
        return .priced([x])
    }

    mutating func cacheNodes(_ x: inout ImportedResource, type: Resolved?, engine: Resolved?) {
        x.set("node_type", .text(type?.text ?? "cache.t4g.micro"))
        if type?.text == nil { x.assumptions.append(Self.unknownNote("CacheNodeType", type) + ": cache.t4g.micro assumed") }
        let e = engine?.text?.lowercased() ?? "redis"
        x.set("engine", .text(["valkey", "memcached"].contains(e) ? e : "redis"))
    }

    mutating func ecsService(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        let launch = property(r, in: stack, "LaunchType")?.text
        let strategy = property(r, in: stack, "CapacityProviderStrategy")?.list ?? []
        let providers = strategy.compactMap { $0["CapacityProvider"]?.text }
        guard launch == "FARGATE" || providers.contains(where: { $0.hasPrefix("FARGATE") }) else {
            return .free  // tasks on EC2 capacity are priced by the instances
        }
        x.type = "fargate_service"
        x.set("tasks", .number(Self.number(property(r, in: stack, "DesiredCount")) ?? "1"))
        guard let (s, task) = target(property(r, in: stack, "TaskDefinition")), task.type == "AWS::ECS::TaskDefinition" else {
            x.assumptions.append("the task definition is not in the templates: 0.25 vCPU, 0.5 GB assumed")
            x.set("vcpu", .number("0.25"))
            x.set("memory_gb", .number("0.5"))
            return .priced([x])
        }
        x.sources.append("\(resolver.stacks[s].file): \(task.id)")
        let cpu = Self.int(property(task, in: s, "Cpu")) ?? 256
        let memory = Self.int(property(task, in: s, "Memory")) ?? 512
        if Self.int(property(task, in: s, "Cpu")) == nil || Self.int(property(task, in: s, "Memory")) == nil {
            x.assumptions.append("the task's Cpu or Memory is not stated as a number: \(cpu) CPU units, \(memory) MiB assumed")
        }
        x.set("vcpu", .number(Self.fraction(cpu, 1024)))
        x.set("memory_gb", .number(Self.fraction(memory, 1024)))
        if property(task, in: s, "RuntimePlatform", "CpuArchitecture")?.text == "ARM64" { x.set("arch", .text("arm")) }
        let weights = strategy.map {
            (name: $0["CapacityProvider"]?.text ?? "", weight: Self.int($0["Weight"]) ?? 0)
        }
        let spot = weights.filter { $0.name == "FARGATE_SPOT" }.map(\.weight).reduce(0, +)
        let all = weights.map(\.weight).reduce(0, +)
        if spot > 0 && all > 0 { x.set("spot_share", .number(Self.fraction(spot, all))) }
        return .priced([x])
    }

    /// a / b as a short decimal (256 / 1024 = 0.25).
    static func fraction(_ a: Int, _ b: Int) -> String {
        let scaled = a * 10000 / b
        let whole = scaled / 10000
        var frac = String(scaled % 10000)
        while frac.count < 4 { frac = "0" + frac }
        while frac.hasSuffix("0") { frac.removeLast() }
        return frac.isEmpty ? String(whole) : "\(whole).\(frac)"
    }

    mutating func dynamoDB(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        x.type = "dynamodb"
        if property(r, in: stack, "BillingMode")?.text == "PAY_PER_REQUEST" {
            x.set("capacity_mode", .text("on_demand"))
            x.use("write_request_units", "request", "1000000..10000000", "DynamoDB write request units per month")
            x.use("read_request_units", "request", "1000000..10000000", "DynamoDB read request units per month")
        } else {
            x.set("capacity_mode", .text("provisioned"))
            let wcu = Self.number(property(r, in: stack, "ProvisionedThroughput", "WriteCapacityUnits"))
            let rcu = Self.number(property(r, in: stack, "ProvisionedThroughput", "ReadCapacityUnits"))
            x.set("wcu", .number(wcu ?? "5"))
            x.set("rcu", .number(rcu ?? "5"))
            if wcu == nil || rcu == nil { x.assumptions.append("provisioned throughput not stated: 5 WCU and 5 RCU assumed") }
        }
        if property(r, in: stack, "TableClass")?.text == "STANDARD_INFREQUENT_ACCESS" {
            if x["capacity_mode"] == .text("on_demand") {
                x.set("table_class", .text("standard_ia"))
            } else {
                // orcha-cost prices Standard-IA storage but not Standard-IA provisioned throughput.
                x.assumptions.append("table class Standard-IA with provisioned throughput is priced at Standard prices")
            }
        }
        if Self.flag(property(r, in: stack, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")) == true {
            x.set("pitr", .flag(true))
        }
        x.use("storage_gb", "GB", "1..25", "GB stored in the table")
        if property(r, in: stack, "StreamSpecification") != nil {
            x.use("stream_read_request_units", "request", "100000..1000000", "DynamoDB Streams read request units per month")
        }
        return .priced([x])
    }

    mutating func openSearch(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        x.type = "opensearch"
        x.set("instance_type", .text(property(r, in: stack, "ClusterConfig", "InstanceType")?.text ?? "r5.large.search"))
        x.set("instances", .number(Self.number(property(r, in: stack, "ClusterConfig", "InstanceCount")) ?? "1"))
        if Self.flag(property(r, in: stack, "ClusterConfig", "DedicatedMasterEnabled")) == true,
            let m = property(r, in: stack, "ClusterConfig", "DedicatedMasterType")?.text
        {
            x.set("master_type", .text(m))
            x.set("masters", .number(Self.number(property(r, in: stack, "ClusterConfig", "DedicatedMasterCount")) ?? "3"))
        }
        if let size = Self.number(property(r, in: stack, "EBSOptions", "VolumeSize")) { x.set("storage_gb", .number(size)) }
        if property(r, in: stack, "EBSOptions", "VolumeType")?.text == "gp2" { x.set("storage_type", .text("gp2")) }
        return .priced([x])
    }

    mutating func hasEmailSubscription(_ r: StackTemplate.Resource, in stack: Int) -> Bool {
        if let subs = property(r, in: stack, "Subscription")?.list,
            subs.contains(where: { ["email", "email-json"].contains($0["Protocol"]?.text ?? "") })
        {
            return true
        }
        for (s, t) in resolver.stacks.enumerated() {
            for sub in t.resources where sub.type == "AWS::SNS::Subscription" {
                guard ["email", "email-json"].contains(property(sub, in: s, "Protocol")?.text ?? "") else { continue }
                if let (ts, topic) = target(property(sub, in: s, "TopicArn")), ts == stack, topic.id == r.id { return true }
            }
        }
        return false
    }

    /// The image count an ECR lifecycle policy keeps (`imageCountMoreThan`), if it says one.
    static func ecrImageCount(_ policy: Resolved?) -> String? {
        guard let text = policy?.text, let data = text.data(using: .utf8),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let rules = json["rules"] as? [[String: Any]]
        else { return nil }
        for rule in rules {
            if let s = rule["selection"] as? [String: Any], s["countType"] as? String == "imageCountMoreThan",
                let n = s["countNumber"] as? Int
            {
                return String(n)
            }
        }
        return nil
    }
}
