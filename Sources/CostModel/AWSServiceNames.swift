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
        "AWSGlue": "AWS Glue", "AmazonAthena": "Amazon Athena",
    ]

    /// Offer codes of service names as bills write them: the Cost Explorer names, and the product
    /// names AWS's FOCUS export uses in `ServiceName` where they differ.
    public static let offerCodes: [String: String] = {
        var codes = Dictionary(costExplorer.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for (name, code) in [
            ("Amazon Elastic Compute Cloud", "AmazonEC2"), ("Elastic Load Balancing", "AWSELB"),
            ("Amazon CloudWatch", "AmazonCloudWatch"), ("Amazon Elastic Container Registry", "AmazonECR"),
            ("AWS CodeBuild", "CodeBuild"),
        ] {
            codes[name] = code
        }
        return codes
    }()

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
    ]
}
