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
}
