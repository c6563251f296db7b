/// Names of the AWS services scenarios price, by offer code (`AmazonEC2`, the code price lists
/// and Cost and Usage Reports use).
public enum AWSServiceNames {
    /// Cost Explorer / AWS Budgets names (the `Service` cost filter).
    public static let costExplorer: [String: String] = [
        "AmazonEC2": "Amazon Elastic Compute Cloud - Compute", "AmazonRDS": "Amazon Relational Database Service",
        "AmazonS3": "Amazon Simple Storage Service", "AWSELB": "Amazon Elastic Load Balancing",
        "AmazonVPC": "Amazon Virtual Private Cloud", "awswaf": "AWS WAF", "AmazonECS": "Amazon Elastic Container Service",
        "AmazonElastiCache": "Amazon ElastiCache", "AWSQueueService": "Amazon Simple Queue Service",
        "AmazonSNS": "Amazon Simple Notification Service", "AmazonCloudWatch": "AmazonCloudWatch",
        "AWSSecretsManager": "AWS Secrets Manager", "AmazonECR": "Amazon EC2 Container Registry (ECR)",
        "AmazonCloudFront": "Amazon CloudFront", "AmazonApiGateway": "Amazon API Gateway", "AmazonCognito": "Amazon Cognito",
        "AmazonSES": "Amazon Simple Email Service", "AmazonRoute53": "Amazon Route 53", "CodeBuild": "CodeBuild",
        "AWSCodePipeline": "AWS CodePipeline", "AWSDataTransfer": "AWS Data Transfer",
        "AmazonQuickSight": "Amazon QuickSight",
        "AWSGlue": "AWS Glue", "AmazonAthena": "Amazon Athena", "AWSLambda": "AWS Lambda",
        "AmazonDynamoDB": "Amazon DynamoDB", "AmazonEFS": "Amazon Elastic File System",
        "AmazonEKS": "Amazon Elastic Container Service for Kubernetes", "awskms": "AWS Key Management Service",
        "AWSCloudTrail": "AWS CloudTrail", "AWSEvents": "CloudWatch Events", "AmazonStates": "AWS Step Functions",
        "AmazonKinesis": "Amazon Kinesis", "AmazonKinesisFirehose": "Amazon Kinesis Firehose",
        "AmazonES": "Amazon OpenSearch Service", "AWSSystemsManager": "AWS Systems Manager",
        "AWSCertificateManager": "AWS Certificate Manager",
    ]

    /// Offer codes of service names as bills write them: the Cost Explorer names, and the product
    /// names AWS's FOCUS export uses in `ServiceName` where they differ, for the services
    /// scenarios price and the common ones they do not (so that a bill's Lambda or DynamoDB
    /// spend is `AWSLambda` / `AmazonDynamoDB`, as in a CUR, not a full name).
    public static let offerCodes: [String: String] = {
        var codes = Dictionary(costExplorer.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for (name, code) in [
            ("Amazon Elastic Compute Cloud", "AmazonEC2"), ("EC2 - Other", "AmazonEC2"), ("Elastic Load Balancing", "AWSELB"),
            ("Amazon CloudWatch", "AmazonCloudWatch"), ("Amazon Elastic Container Registry", "AmazonECR"),
            ("AWS CodeBuild", "CodeBuild"), ("AWS Lambda", "AWSLambda"), ("Amazon DynamoDB", "AmazonDynamoDB"),
            ("Amazon Elastic File System", "AmazonEFS"), ("Amazon Elastic Kubernetes Service", "AmazonEKS"),
            ("Amazon Elastic Container Service for Kubernetes", "AmazonEKS"), ("AWS Key Management Service", "awskms"),
            ("AWS CloudTrail", "AWSCloudTrail"), ("Amazon EventBridge", "AWSEvents"), ("CloudWatch Events", "AWSEvents"),
            ("AWS Step Functions", "AmazonStates"), ("AWSStepFunctions", "AmazonStates"), ("Amazon Kinesis", "AmazonKinesis"),
            ("Amazon Kinesis Firehose", "AmazonKinesisFirehose"), ("Amazon Data Firehose", "AmazonKinesisFirehose"),
            ("Amazon OpenSearch Service", "AmazonES"), ("Amazon Elasticsearch Service", "AmazonES"),
            ("AWS Systems Manager", "AWSSystemsManager"), ("AWS Transit Gateway", "AmazonVPC"),
            ("AWS Security Hub", "AWSSecurityHub"), ("Amazon GuardDuty", "AmazonGuardDuty"), ("AWS Config", "AWSConfig"),
            ("AWS Backup", "AWSBackup"), ("AWS Cost Explorer", "AWSCostExplorer"), ("Amazon Redshift", "AmazonRedshift"),
            ("AWS Certificate Manager", "AWSCertificateManager"), ("Amazon SageMaker", "AmazonSageMaker"),
            ("Amazon MQ", "AmazonMQ"), ("Amazon Managed Streaming for Apache Kafka", "AmazonMSK"), ("AWS X-Ray", "AWSXRay"),
            ("AWS Shield", "AWSShield"), ("Amazon Glacier", "AmazonGlacier"), ("Amazon Elastic MapReduce", "ElasticMapReduce"),
            ("Amazon Bedrock", "AmazonBedrock"), ("AWS Global Accelerator", "AWSGlobalAccelerator"),
            ("AWS Direct Connect", "AWSDirectConnect"), ("AWS Database Migration Service", "AWSDatabaseMigrationSvc"),
            ("Amazon DocumentDB (with MongoDB compatibility)", "AmazonDocDB"), ("Amazon Neptune", "AmazonNeptune"),
            ("AWS Amplify", "AWSAmplify"), ("AWS App Runner", "AWSAppRunner"), ("Amazon Lightsail", "AmazonLightsail"),
            ("AWS CodeCommit", "AWSCodeCommit"), ("AWS CodeArtifact", "AWSCodeArtifact"),
        ] {
            codes[name] = code
        }
        return codes
    }()

    /// The offer code of a service name as a bill writes it: a known name, or a name that is an
    /// offer code already (`AmazonCloudWatch`); nil for a name this table does not know.
    public static func offerCode(name: String) -> String? {
        if let code = offerCodes[name] { return code }
        return knownOfferCodes.contains(name) ? name : nil
    }

    /// Every offer code of ``offerCodes``.
    public static let knownOfferCodes: Set<String> = Set(offerCodes.values)

    /// FOCUS `ServiceName`, `ServiceCategory` and `ServiceSubcategory` by offer code (one category
    /// per service, as AWS's own FOCUS export assigns them: EBS and NAT gateways bill under EC2).
    public static let focus: [String: (name: String, category: String, subcategory: String)] = [
        "AmazonEC2": ("Amazon Elastic Compute Cloud", "Compute", "Virtual Machines"),
        "AmazonRDS": ("Amazon Relational Database Service", "Databases", "Relational Databases"),
        "AmazonS3": ("Amazon Simple Storage Service", "Storage", "Object Storage"),
        "AWSELB": ("Elastic Load Balancing", "Networking", "Application Networking"),
        "AmazonVPC": ("Amazon Virtual Private Cloud", "Networking", "Network Infrastructure"),
        "awswaf": ("AWS WAF", "Networking", "Network Security"),
        "AmazonECS": ("Amazon Elastic Container Service", "Compute", "Containers"),
        "AmazonElastiCache": ("Amazon ElastiCache", "Databases", "Caching"),
        "AWSQueueService": ("Amazon Simple Queue Service", "Integration", "Messaging"),
        "AmazonSNS": ("Amazon Simple Notification Service", "Integration", "Messaging"),
        "AmazonCloudWatch": ("Amazon CloudWatch", "Management and Governance", "Observability"),
        "AWSSecretsManager": ("AWS Secrets Manager", "Security", "Secret Management"),
        "AmazonECR": ("Amazon Elastic Container Registry", "Compute", "Containers"),
        "AmazonCloudFront": ("Amazon CloudFront", "Networking", "Content Delivery"),
        "AmazonApiGateway": ("Amazon API Gateway", "Integration", "API Management"),
        "AmazonCognito": ("Amazon Cognito", "Identity", "Identity and Access Management"),
        "AmazonSES": ("Amazon Simple Email Service", "Business Applications", "Other (Business Applications)"),
        "AmazonRoute53": ("Amazon Route 53", "Networking", "Network Routing"),
        "CodeBuild": ("AWS CodeBuild", "Developer Tools", "Continuous Integration and Deployment"),
        "AWSCodePipeline": ("AWS CodePipeline", "Developer Tools", "Continuous Integration and Deployment"),
        "AWSDataTransfer": ("AWS Data Transfer", "Networking", "Network Connectivity"),
        "AmazonQuickSight": ("Amazon QuickSight", "Analytics", "Business Intelligence"),
        "AWSGlue": ("AWS Glue", "Analytics", "Data Processing"),
        "AmazonAthena": ("Amazon Athena", "Analytics", "Analytics Platforms"),
        "AWSLambda": ("AWS Lambda", "Compute", "Serverless Compute"),
        "AmazonDynamoDB": ("Amazon DynamoDB", "Databases", "NoSQL Databases"),
        "AmazonEFS": ("Amazon Elastic File System", "Storage", "File Storage"),
        "AmazonEKS": ("Amazon Elastic Kubernetes Service", "Compute", "Containers"),
        "awskms": ("AWS Key Management Service", "Security", "Secret Management"),
        "AWSCloudTrail": ("AWS CloudTrail", "Management and Governance", "Compliance"),
        "AWSEvents": ("Amazon EventBridge", "Integration", "Messaging"),
        "AmazonStates": ("AWS Step Functions", "Integration", "Workflow Orchestration"),
        "AmazonKinesis": ("Amazon Kinesis", "Analytics", "Streaming Analytics"),
        "AmazonKinesisFirehose": ("Amazon Data Firehose", "Analytics", "Streaming Analytics"),
        "AmazonES": ("Amazon OpenSearch Service", "Analytics", "Search"),
        "AWSSystemsManager": ("AWS Systems Manager", "Management and Governance", "Endpoint Management"),
        "AWSCertificateManager": ("AWS Certificate Manager", "Security", "Other (Security)"),
    ]

    /// Region codes by the location names AWS Price List files use ("EU (Frankfurt)"), for
    /// files without a "Region Code" column.
    public static let regionCodes: [String: String] = [
        "US East (N. Virginia)": "us-east-1", "US East (Ohio)": "us-east-2", "US West (N. California)": "us-west-1",
        "US West (Oregon)": "us-west-2", "Africa (Cape Town)": "af-south-1", "Asia Pacific (Hong Kong)": "ap-east-1",
        "Asia Pacific (Mumbai)": "ap-south-1", "Asia Pacific (Hyderabad)": "ap-south-2",
        "Asia Pacific (Tokyo)": "ap-northeast-1", "Asia Pacific (Seoul)": "ap-northeast-2",
        "Asia Pacific (Osaka)": "ap-northeast-3", "Asia Pacific (Singapore)": "ap-southeast-1",
        "Asia Pacific (Sydney)": "ap-southeast-2", "Asia Pacific (Jakarta)": "ap-southeast-3",
        "Asia Pacific (Melbourne)": "ap-southeast-4", "Canada (Central)": "ca-central-1",
        "EU (Frankfurt)": "eu-central-1", "EU (Zurich)": "eu-central-2", "EU (Ireland)": "eu-west-1",
        "EU (London)": "eu-west-2", "EU (Paris)": "eu-west-3", "EU (Milan)": "eu-south-1", "EU (Spain)": "eu-south-2",
        "EU (Stockholm)": "eu-north-1", "Middle East (Bahrain)": "me-south-1", "Middle East (UAE)": "me-central-1",
        "South America (Sao Paulo)": "sa-east-1", "Israel (Tel Aviv)": "il-central-1",
        "AWS GovCloud (US-East)": "us-gov-east-1", "AWS GovCloud (US-West)": "us-gov-west-1",
        "Asia Pacific (Malaysia)": "ap-southeast-5", "Asia Pacific (Thailand)": "ap-southeast-7",
        "Asia Pacific (Taipei)": "ap-east-2", "Asia Pacific (New Zealand)": "ap-southeast-6",
        "Canada West (Calgary)": "ca-west-1", "Mexico (Central)": "mx-central-1",
        "Any": "global", "Global": "global",
    ]

    /// The prefix AWS writes before a usage type of each region (`EUC1-BoxUsage:t4g.medium`).
    /// us-east-1 mostly writes none, sometimes `USE1-`; eu-west-1's is `EU-`.
    public static let usageTypePrefixes: [String: String] = [
        "us-east-1": "USE1", "us-east-2": "USE2", "us-west-1": "USW1", "us-west-2": "USW2", "af-south-1": "AFS1",
        "ap-east-1": "APE1", "ap-south-1": "APS3", "ap-south-2": "APS5", "ap-northeast-1": "APN1",
        "ap-northeast-2": "APN2", "ap-northeast-3": "APN3", "ap-southeast-1": "APS1", "ap-southeast-2": "APS2",
        "ap-southeast-3": "APS4", "ap-southeast-4": "APS6", "ca-central-1": "CAN1", "ca-west-1": "CAN2",
        "eu-central-1": "EUC1", "eu-central-2": "EUC2", "eu-west-1": "EU", "eu-west-2": "EUW2", "eu-west-3": "EUW3",
        "eu-south-1": "EUS1", "eu-south-2": "EUS2", "eu-north-1": "EUN1", "me-south-1": "MES1", "me-central-1": "MEC1",
        "sa-east-1": "SAE1", "il-central-1": "ILC1", "us-gov-west-1": "UGW1", "us-gov-east-1": "UGE1",
        "mx-central-1": "MXC1", "ap-southeast-5": "APS7", "ap-southeast-6": "APS8", "ap-southeast-7": "APS9",
    ]

    /// Every AWS region code a scenario or a resource may name (the Price List's locations).
    public static let regions: Set<String> = Set(regionCodes.values).subtracting(["global"])

    /// What is wrong with a region code (nil: it is one), with a did-you-mean.
    public static func regionProblem(_ code: String) -> String? {
        if regions.contains(code) { return nil }
        let guess = Spelling.didYouMean(code, in: regions.sorted())
        return "'\(code)' is not an AWS region code.\(guess)"
    }

    /// The hint after a bad region code.
    public static let regionHint = "AWS regions: " + regions.sorted().joined(separator: ", ")

    /// Region names as AWS's billing data (FOCUS `RegionName`) writes them: the Price List's
    /// location names, Europe spelled out ("Europe (Frankfurt)").
    public static let regionNames: [String: String] = {
        var names: [String: String] = [:]
        for (name, code) in regionCodes where code != "global" {
            names[code] = name.hasPrefix("EU (") ? "Europe (" + name.dropFirst(4) : name
        }
        return names
    }()
}
