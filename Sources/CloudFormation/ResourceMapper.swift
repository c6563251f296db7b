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

    /// The scenario name of a logical id, in kebab case: CDK's hash suffixes dropped (the
    /// 8-character one of every resource, the 32-character one of a secret), the stack's name when
    /// the id starts with it (CDK names a database's secret `DataStackDatabaseSecret...`), words
    /// that repeat an earlier one dropped (`AsgASG1A2B3C4D` -> `asg`), only ASCII letters and
    /// digits kept (the scenario's id characters), at most 48 characters. The same id and stack
    /// always give the same name; ScenarioWriter makes names unique with a numeric suffix.
    static func name(_ id: String, stack: String = "") -> String {
        var base = Array(id)
        let lowerHex = base.reversed().prefix { $0.isHexDigit && !$0.isUppercase }.count
        // A CDK secret's id ends in its 8-character hash and a 32-character one.
        if lowerHex >= 32 && base.count > lowerHex + 8 { base.removeLast(32) }
        let hash = base.suffix(8)
        if base.count > 8, hash.allSatisfy({ $0.isHexDigit && !$0.isLowercase }), hash.contains(where: \.isNumber) {
            base.removeLast(8)
        }
        // CDK prefixes some ids with the stack's name; a stack name alone stays.
        let stackName = Array(stack.filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        if stackName.count >= 2, base.count > stackName.count, Array(base.prefix(stackName.count)) == stackName,
            base[stackName.count].isUppercase || !base[stackName.count].isLetter
        {
            base.removeFirst(stackName.count)
        }
        // Words: a capital after a small letter or digit starts one, so does the last capital of
        // an acronym before a small letter (`ALBListener` -> alb, listener); digits stay with the
        // word before them; anything else separates.
        var words: [String] = []
        var word = ""
        for (i, c) in base.enumerated() {
            guard c.isASCII, c.isLetter || c.isNumber else {
                if !word.isEmpty { words.append(word) }
                word = ""
                continue
            }
            if c.isUppercase, !word.isEmpty {
                let p = base[i - 1]
                let next = i + 1 < base.count ? base[i + 1] : nil
                if p.isLowercase || p.isNumber || (p.isUppercase && next?.isLowercase == true && next?.isASCII == true) {
                    words.append(word)
                    word = ""
                }
            }
            word.append(Character(c.lowercased()))
        }
        if !word.isEmpty { words.append(word) }
        var seen: Set<String> = []
        var out = ""
        for w in words where seen.insert(w).inserted {
            if !out.isEmpty && out.count + 1 + w.count > 48 { break }
            out += (out.isEmpty ? "" : "-") + w
        }
        if out.count > 48 { out = String(out.prefix(48)) }
        return out.isEmpty ? "resource" : out
    }

    /// The CloudFront edge area of a region (the `cloudfront` type's areas).
    static func edgeArea(_ region: String) -> String {
        switch region {
        case let r where r.hasPrefix("us-") || r.hasPrefix("ca-") || r.hasPrefix("mx-"): return "us"
        case let r where r.hasPrefix("eu-") || r.hasPrefix("il-"): return "eu"
        case "ap-southeast-2", "ap-southeast-4", "ap-southeast-6": return "au"
        case "ap-northeast-1", "ap-northeast-3": return "japan"
        case "ap-south-1", "ap-south-2": return "india"
        case let r where r.hasPrefix("sa-"): return "south_america"
        case let r where r.hasPrefix("me-") || r.hasPrefix("af-"): return "middle_east"
        case let r where r.hasPrefix("ap-"): return "apac"
        default: return "us"
        }
    }

    /// A stack's name from its template file (`DataStack.template.json` -> DataStack).
    static func stackName(_ file: String) -> String { file.components(separatedBy: ".").first ?? file }

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
        var x = ImportedResource(type: "", name: Self.name(r.id, stack: Self.stackName(file)))
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
            // Viewers are assumed near the stack's region, at an edge the price class serves.
            let priceClass = property(r, in: stack, "DistributionConfig", "PriceClass")?.text ?? "PriceClass_All"
            let near = Self.edgeArea(resolver.region)
            let served: Set<String> =
                priceClass == "PriceClass_100"
                ? ["us", "eu"] : priceClass == "PriceClass_200" ? ["us", "eu", "apac", "japan", "india", "middle_east"] : []
            let area = served.isEmpty || served.contains(near) ? near : (near == "apac" || near == "au" ? "us" : "eu")
            x.set("area", .text(area))
            x.assumptions.append(
                "viewers are priced at CloudFront's \(area) edge prices (near \(resolver.region), served by \(priceClass)): the template cannot say where viewers are"
            )
            x.use("data_out_gb", "GB", "10..500", "GB delivered by CloudFront per month")
            x.use("https_requests", "request", "1000000..10000000", "HTTPS requests to CloudFront per month")
            return done("cloudfront")
        case "AWS::ApiGateway::RestApi":
            x.set("api", .text("rest"))
            restApiCache(r, in: stack, &x)
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
            return efs(r, in: stack, &x)
        case "AWS::EKS::Cluster":
            x.set("count", .number("1"))
            eksSupport(r, in: stack, &x)
            return done("eks_cluster")
        case "AWS::KMS::Key":
            x.set("keys", .number("1"))
            if Self.flag(property(r, in: stack, "EnableKeyRotation")) == true {
                x.assumptions.append(
                    "key rotation is on: each yearly rotation adds a key version billed as a key (the first two); priced as 1 key, its first year"
                )
            }
            // KMS bills requests by key spec: RSA 2048, other asymmetric keys, else symmetric (HMAC too).
            let spec = property(r, in: stack, "KeySpec")?.text ?? "SYMMETRIC_DEFAULT"
            if spec == "RSA_2048" {
                x.use("rsa2048_requests", "request", "10000..1000000", "KMS requests on the RSA 2048 key per month")
            } else if spec.hasPrefix("RSA_") || spec.hasPrefix("ECC_") || spec.hasPrefix("SM2") {
                x.use("asymmetric_requests", "request", "10000..1000000", "KMS requests on the \(spec) key per month")
            } else {
                x.use("symmetric_requests", "request", "10000..1000000", "KMS requests per month")
            }
            return done("kms")
        case "AWS::CloudTrail::Trail":
            return cloudTrail(r, in: stack, &x)
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
            let tier = property(r, in: stack, "Tier")?.text ?? "Standard"
            // Intelligent-Tiering picks Advanced for a value over 4 KB or with policies.
            let advanced =
                tier == "Advanced"
                || (tier == "Intelligent-Tiering"
                    && (property(r, in: stack, "Value")?.text?.utf8.count ?? 0 > 4096
                        || property(r, in: stack, "Policies") != nil))
            guard advanced else { return .free }
            x.set("advanced_parameters", .number("1"))
            x.use("api_interactions", "request", "10000..1000000", "API interactions with the advanced parameters per month")
            return done("ssm_parameter")
        case "AWS::Kinesis::Stream":
            return kinesisStream(r, in: stack, &x)
        case "AWS::KinesisFirehose::DeliveryStream":
            return firehose(r, in: stack, &x)
        case "AWS::OpenSearchService::Domain":
            return openSearch(r, in: stack, &x)
        case "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayVpcAttachment":
            x.set("attachments", .number("1"))
            x.use("gb_processed", "GB", "10..100", "GB sent to the transit gateway per month")
            return done("transit_gateway")
        case "AWS::EC2::VPNConnection":
            x.set("count", .number("1"))
            x.type = "vpn_connection"
            // A VPN on a transit gateway is also a transit gateway attachment, billed per hour.
            guard property(r, in: stack, "TransitGatewayId") != nil else { return .priced([x]) }
            var attachment = ImportedResource(type: "transit_gateway", name: x.name + "-attachment")
            attachment.sources = x.sources
            attachment.set("attachments", .number("1"))
            attachment.use("gb_processed", "GB", "10..100", "GB sent from the VPN to the transit gateway per month")
            return .priced([x, attachment])
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

    // MARK: - storage, analytics, management

    mutating func efs(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        x.type = "efs"
        if property(r, in: stack, "AvailabilityZoneName") != nil { x.set("availability", .text("one_zone")) }
        if property(r, in: stack, "ThroughputMode")?.text == "provisioned" {
            let mibps = property(r, in: stack, "ProvisionedThroughputInMibps")
            if let n = Self.number(mibps) {
                x.set("provisioned_throughput_mbps", .number(n))
            } else {
                x.assumptions.append(
                    Self.unknownNote("ProvisionedThroughputInMibps", mibps) + ": no provisioned throughput priced")
            }
        }
        x.use("storage_gb", "GB", "10..100", "GB stored in EFS (Standard or One Zone class)")
        let policies = property(r, in: stack, "LifecyclePolicies")?.list ?? []
        if policies.contains(where: { $0["TransitionToIA"] != nil }) {
            x.use("ia_storage_gb", "GB", "10..100", "GB in the Infrequent Access class (the lifecycle policy moves files there)")
            x.use("ia_read_gb", "GB", "1..10", "GB read from the Infrequent Access class per month")
        }
        return .priced([x])
    }

    /// End of standard support of EKS Kubernetes versions (EKS user guide, Kubernetes version
    /// lifecycle; 14 months after release). A version past it is in extended support.
    static let eksStandardSupportEnds: [String: String] = [
        "1.23": "2023-10-11", "1.24": "2024-01-31", "1.25": "2024-05-01", "1.26": "2024-06-11", "1.27": "2024-07-24",
        "1.28": "2024-11-26", "1.29": "2025-03-23", "1.30": "2025-07-23", "1.31": "2025-11-26", "1.32": "2026-03-23",
        "1.33": "2026-07-29", "1.34": "2026-12-02", "1.35": "2027-03-27",
    ]

    /// Today as yyyy-MM-dd (UTC); the date the EKS support check compares with.
    static var today: String { PlausibleDates.day(Int64(Date().timeIntervalSince1970)) }

    mutating func eksSupport(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) {
        guard let version = property(r, in: stack, "Version")?.text else { return }  // EKS takes its latest version
        let policy = property(r, in: stack, "UpgradePolicy", "SupportType")?.text ?? "EXTENDED"
        let ends = Self.eksStandardSupportEnds[version]
        let numbers = version.split(separator: ".").compactMap { Int($0) }
        let older = numbers.count == 2 && numbers[0] == 1 && numbers[1] < 23
        guard older || (ends.map { $0 < Self.today } ?? false) else { return }
        if policy == "STANDARD" {
            x.assumptions.append(
                "Kubernetes \(version) is past standard support, and UpgradePolicy SupportType STANDARD upgrades it when standard support ends: priced at standard support"
            )
            return
        }
        x.set("support", .text("extended"))
        x.assumptions.append(
            "Kubernetes \(version) left EKS standard support \(ends.map { "on \($0)" } ?? "before 1.23 did"): priced at extended support"
        )
    }

    mutating func cloudTrail(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        x.type = "cloudtrail"
        let selectors = property(r, in: stack, "EventSelectors")?.list ?? []
        let advanced = property(r, in: stack, "AdvancedEventSelectors")?.list ?? []
        let dataEvents =
            selectors.contains { !($0["DataResources"]?.list ?? []).isEmpty }
            || advanced.contains { a in
                (a["FieldSelectors"]?.list ?? []).contains {
                    $0["Field"]?.text == "eventCategory" && ($0["Equals"]?.list ?? []).contains { $0.text == "Data" }
                }
            }
        if dataEvents {
            x.use("data_events", "request", "100000..10000000", "CloudTrail data events recorded per month")
        }
        let management =
            advanced.isEmpty
            ? (selectors.isEmpty || selectors.contains { Self.flag($0["IncludeManagementEvents"]) != false })
            : advanced.contains { a in
                (a["FieldSelectors"]?.list ?? []).contains {
                    $0["Field"]?.text == "eventCategory" && ($0["Equals"]?.list ?? []).contains { $0.text == "Management" }
                }
            }
        if management || !dataEvents {
            x.use(
                "additional_management_events", "request", "0..1000000",
                "management events this trail delivers per month if it is not the account's first trail (0 if it is: the first copy is free)"
            )
        }
        return .priced([x])
    }

    mutating func kinesisStream(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        x.type = "kinesis_stream"
        let hours = Self.int(property(r, in: stack, "RetentionPeriodHours")) ?? 24
        if property(r, in: stack, "StreamModeDetails", "StreamMode")?.text == "ON_DEMAND" {
            x.set("mode", .text("on_demand"))
            x.use("ingested_gb", "GB", "10..100", "GB written to the stream per month")
            x.use("retrieved_gb", "GB", "10..200", "GB read from the stream per month (shared-throughput consumers)")
            if hours > 24 {
                x.use("extended_retention_gb", "GB", "10..100", "average GB held between 24 hours and 7 days")
            }
            if hours > 168 {
                x.assumptions.append(
                    "retention of \(hours) hours: on-demand data held beyond 7 days is not priced (the type prices it for provisioned streams)"
                )
            }
            return .priced([x])
        }
        let count = property(r, in: stack, "ShardCount")
        if let n = Self.number(count) {
            x.set("shards", .number(n))
        } else {
            x.set("shards", .number("1"))
            x.assumptions.append(Self.unknownNote("ShardCount", count) + ": 1 shard assumed")
        }
        if hours > 24 { x.set("extended_retention", .flag(true)) }
        x.use("put_payload_units", "request", "1000000..100000000", "PUT payload units per month (25 KB each)")
        if hours > 168 { x.use("long_term_retention_gb", "GB", "10..100", "average GB held beyond 7 days") }
        return .priced([x])
    }

    mutating func firehose(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) -> Outcome {
        x.type = "firehose"
        x.use("ingested_gb", "GB", "10..100", "GB ingested by Firehose per month")
        let destinations = [
            "ExtendedS3DestinationConfiguration", "S3DestinationConfiguration", "RedshiftDestinationConfiguration",
            "ElasticsearchDestinationConfiguration", "AmazonopensearchserviceDestinationConfiguration",
            "HttpEndpointDestinationConfiguration", "SplunkDestinationConfiguration", "SnowflakeDestinationConfiguration",
            "IcebergDestinationConfiguration", "AmazonOpenSearchServerlessDestinationConfiguration",
        ].compactMap { property(r, in: stack, $0) }
        if destinations.contains(where: {
            Self.flag($0["DataFormatConversionConfiguration"]?["Enabled"]) ?? ($0["DataFormatConversionConfiguration"] != nil)
        }) {
            x.use("converted_gb", "GB", "10..100", "GB converted to Parquet or ORC per month")
        }
        if let subnets = destinations.lazy.compactMap({ $0["VpcConfiguration"]?["SubnetIds"]?.list }).first,
            !subnets.isEmpty
        {
            x.set("vpc_azs", .number(String(subnets.count)))
            x.use("vpc_gb", "GB", "10..100", "GB delivered into the VPC per month")
        }
        return .priced([x])
    }

    /// A REST API's stage cache: the largest CacheClusterSize of its stages with the cache on.
    mutating func restApiCache(_ r: StackTemplate.Resource, in stack: Int, _ x: inout ImportedResource) {
        var sizes: [(String, String)] = []
        for (s, t) in resolver.stacks.enumerated() where s == stack {
            for stage in t.resources where stage.type == "AWS::ApiGateway::Stage" {
                guard let (_, api) = target(property(stage, in: s, "RestApiId")), api.id == r.id,
                    Self.flag(property(stage, in: s, "CacheClusterEnabled")) == true
                else { continue }
                sizes.append((Self.number(property(stage, in: s, "CacheClusterSize")) ?? "0.5", stage.id))
                x.sources.append("\(t.file): \(stage.id)")
            }
        }
        guard let first = sizes.first else { return }
        x.set("cache_gb", .number(first.0))
        if sizes.count > 1 {
            x.assumptions.append("\(sizes.count) stages have a cache: priced as one of \(first.0) GB (stage \(first.1))")
        }
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
        // The cluster's instances: DBInstances whose DBClusterIdentifier is a Ref to it, or the
        // cluster's own DBClusterIdentifier written out.
        var classes: [String] = []
        let clusterName = property(r, in: stack, "DBClusterIdentifier")?.text?.lowercased()
        for (s, t) in resolver.stacks.enumerated() {
            for i in t.resources where i.type == "AWS::RDS::DBInstance" {
                let ref = property(i, in: s, "DBClusterIdentifier")
                let byRef = target(ref).map { $0.stack == stack && $0.resource.id == r.id } ?? false
                let byName = clusterName != nil && ref?.text?.lowercased() == clusterName
                if byRef || byName {
                    classes.append(property(i, in: s, "DBInstanceClass")?.text ?? "db.serverless")
                    x.sources.append("\(t.file): \(i.id)")
                }
            }
        }
        let instances = max(classes.count, 1)
        if classes.isEmpty { x.assumptions.append("no DBInstance of the cluster in the templates: one instance assumed") }
        let ioOptimized = property(r, in: stack, "StorageType")?.text == "aurora-iopt1"
        if ioOptimized { x.set("storage_config", .text("io_optimized")) }
        // `aurora` (MySQL 5.6-compatible) and `aurora-mysql` are Aurora MySQL.
        x.set("engine", .text(engine == "aurora-postgresql" ? "postgres" : "mysql"))
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
        if !ioOptimized {
            x.use("io_requests", "IO", "10000000..100000000", "Aurora I/O requests per month (Aurora Standard bills each)")
        }
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
                // The dynamodb rule refuses throughput on a standard_ia table: it has no key for
                // the IA throughput prices. The whole table stays Standard; the note says how to
                // price it as billed.
                let wcu = x["wcu"].flatMap { if case .number(let n) = $0 { return Int(n) } else { return nil } }
                let rcu = x["rcu"].flatMap { if case .number(let n) = $0 { return Int(n) } else { return nil } }
                let hours = { (units: Int?, name: String) in
                    units.map { "\($0 * 730)" } ?? "\(name) × 730"
                }
                x.assumptions.append(
                    "TableClass STANDARD_INFREQUENT_ACCESS with provisioned throughput is priced as a Standard table "
                        + "(its WCU, RCU and storage at Standard prices): Standard-IA tables bill reads and writes at their "
                        + "own prices, which orcha-cost has no key for. To price it as billed, run `orcha-cost catalog update "
                        + "--service AmazonDynamoDB`, set table_class: standard_ia with wcu and rcu 0 (storage at Standard-IA "
                        + "prices), and add two aws_usage resources with service AmazonDynamoDB: usage_type "
                        + "IA-WriteCapacityUnit-Hrs, quantity \(hours(wcu, "WCU")) (WCU-hours a month), and usage_type "
                        + "IA-ReadCapacityUnit-Hrs, quantity \(hours(rcu, "RCU")) (RCU-hours a month)")
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
