import CostModel

/// Gateway VPC endpoints (S3, DynamoDB): no charge, listed so the plan shows them.
public struct VPCEndpointGateway: ServiceRule {
    public let type = "vpc_endpoint_gateway"
    public let summary = "gateway VPC endpoints for S3 and DynamoDB (free)"
    public let parameters: [ParameterSpec] = [.count("number of gateway endpoints")]

    public func components(_ p: RuleInput) -> [PriceComponent] {
        [PriceComponent("gateway endpoint", key: "vpc.endpoint.gateway", quantity: p.number("count"))]
    }

    public let example = RuleExample([:], region: "eu-central-1", monthly: "0.00", seed: "seed 000: 'S3 Gateway FREE'")
}
