/// AWS's always-free allowances: per account and month, not per resource. Each is a price key
/// of the registry (`<service>.free_tier.<what>`, priced in `global.csv` as one row 0..N at
/// price 0, or by the imported Price List's global free row) and the keys whose usage it covers.
public struct FreeAllowance: Sendable {
    public var key: String
    /// Covered keys: exact, or a prefix ending in `.` (`cloudfront.data_out.` covers every area).
    public var covers: [String]

    public func covers(_ key: String) -> Bool {
        covers.contains { $0.hasSuffix(".") ? key.hasPrefix($0) : key == $0 }
    }
}

public enum FreeTiers {
    /// In the order their credit lines are shown.
    public static let alwaysFree: [FreeAllowance] = [
        FreeAllowance(key: "data_transfer.free_tier.out", covers: ["data_transfer.out.internet"]),
        FreeAllowance(key: "cloudfront.free_tier.data_out", covers: ["cloudfront.data_out."]),
        FreeAllowance(key: "cloudfront.free_tier.requests", covers: ["cloudfront.requests."]),
        FreeAllowance(key: "lambda.free_tier.requests", covers: ["lambda.requests.x86", "lambda.requests.arm"]),
        FreeAllowance(key: "lambda.free_tier.duration", covers: ["lambda.duration.x86", "lambda.duration.arm"]),
        FreeAllowance(key: "dynamodb.free_tier.storage", covers: ["dynamodb.storage.standard"]),
        FreeAllowance(key: "sqs.free_tier.requests", covers: ["sqs.standard.requests", "sqs.fifo.requests"]),
        FreeAllowance(key: "sns.free_tier.requests", covers: ["sns.requests"]),
        FreeAllowance(key: "cloudwatch.free_tier.alarms", covers: ["cloudwatch.alarm.standard"]),
        FreeAllowance(key: "cloudwatch.free_tier.metrics", covers: ["cloudwatch.metric.custom"]),
        FreeAllowance(key: "codebuild.free_tier.general1_small", covers: ["codebuild.linux.general1.small"]),
    ]
}
