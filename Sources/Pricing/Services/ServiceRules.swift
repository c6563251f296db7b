/// Every resource type a scenario can use. Adding a service: one file in this folder and one
/// line here.
public enum ServiceRules {
    public static let all: [any ServiceRule] = [
        EC2Instance(), EBSVolume(), PublicIPv4(), ApplicationLoadBalancer(), NATGateway(), VPCEndpointInterface(),
        VPCEndpointGateway(), WAFWebACL(), RDSInstance(), AuroraServerlessV2(), ElastiCacheNode(), FargateService(),
        S3Bucket(), SQSQueues(), SNSTopic(), CloudWatchMonitoring(), SecretsManager(), ECRRepository(),
        CloudFrontDistribution(), APIGateway(), CognitoUserPool(), SESEmail(), Route53DNS(), CodeBuildProject(),
        CodePipeline(), DataTransfer(), QuickSight(), GlueAthena(), FixedCost(), AWSUsage(), NetworkLoadBalancer(),
        ClassicLoadBalancer(), GatewayLoadBalancer(), GatewayLoadBalancerEndpoint(), TransitGateway(), VPNConnection(),
        EBSSnapshot(), EC2DedicatedHost(), ACMPrivateCA(),
        Lambda(), DynamoDB(), EFSFileSystem(), EKSCluster(), StepFunctions(), EventBridge(), KMSKey(), CloudTrail(),
        SSMParameter(),
        AuroraCluster(), OpenSearchDomain(), KinesisStream(), FirehoseStream(),
    ]

    static let byType: [String: any ServiceRule] = Dictionary(uniqueKeysWithValues: all.map { ($0.type, $0) })

    public static func rule(_ type: String) -> (any ServiceRule)? { byType[type] }
}
