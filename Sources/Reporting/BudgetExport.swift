import CostModel

/// AWS Budgets JSON for `aws budgets create-budget --account-id ID --budget file://NAME.budget.json
/// --notifications-with-subscribers file://NAME.notifications.json`.
public enum BudgetExport {
    /// Cost Explorer service names of the offer codes scenarios use (the `Service` cost filter).
    public static let serviceNames: [String: String] = [
        "AmazonEC2": "Amazon Elastic Compute Cloud - Compute", "AmazonRDS": "Amazon Relational Database Service",
        "AmazonS3": "Amazon Simple Storage Service", "AWSELB": "Amazon Elastic Load Balancing",
        "AmazonVPC": "Amazon Virtual Private Cloud", "awswaf": "AWS WAF", "AmazonECS": "Amazon Elastic Container Service",
        "AmazonElastiCache": "Amazon ElastiCache", "AWSQueueService": "Amazon Simple Queue Service",
        "AmazonSNS": "Amazon Simple Notification Service", "AmazonCloudWatch": "AmazonCloudWatch",
        "AWSSecretsManager": "AWS Secrets Manager", "AmazonECR": "Amazon EC2 Container Registry (ECR)",
        "AmazonCloudFront": "Amazon CloudFront", "AmazonApiGateway": "Amazon API Gateway", "AmazonCognito": "Amazon Cognito",
        "AmazonSES": "Amazon Simple Email Service", "AmazonRoute53": "Amazon Route 53", "CodeBuild": "CodeBuild",
        "AWSCodePipeline": "AWS CodePipeline", "AWSDataTransfer": "AWS Data Transfer", "AmazonQuickSight": "Amazon QuickSight",
        "AWSGlue": "AWS Glue", "AmazonAthena": "Amazon Athena",
    ]

    /// The `--budget` document. `limit` is the amount per period (a planned budget passes the
    /// amount of the phase being exported).
    public static func budget(_ b: Budget, limit: Money, tags: [(String, String)]) -> String {
        var filters: [String] = []
        if let service = b.service {
            filters.append("\"Service\": [\(JSON.quote(serviceNames[service] ?? service))]")
        }
        if !tags.isEmpty {
            filters.append("\"TagKeyValue\": [" + tags.map { JSON.quote("user:\($0.0)$\($0.1)") }.joined(separator: ", ") + "]")
        }
        return """
            {
              "BudgetName": \(JSON.quote(b.name)),
              "BudgetType": "COST",
              "TimeUnit": \(JSON.quote(b.period.rawValue.uppercased())),
              "BudgetLimit": {"Amount": \(JSON.quote(limit.formatted(decimals: 2))), "Unit": "USD"},
              "CostFilters": {\(filters.joined(separator: ", "))}
            }

            """
    }

    /// The `--notifications-with-subscribers` document.
    public static func notifications(_ b: Budget) -> String {
        let items = b.notifications.map { n -> String in
            let subscribers = n.subscribers.map { "{\"SubscriptionType\": \"EMAIL\", \"Address\": \(JSON.quote($0))}" }
            return """
                  {
                    "Notification": {"NotificationType": \(JSON.quote(n.kind.rawValue)), "ComparisonOperator": \(JSON.quote(n.comparison.rawValue)), "Threshold": \(n.threshold.description), "ThresholdType": \(JSON.quote(n.thresholdType.rawValue))},
                    "Subscribers": [\(subscribers.joined(separator: ", "))]
                  }
                """
        }
        return "[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]\n" : "\n]\n")
    }
}
