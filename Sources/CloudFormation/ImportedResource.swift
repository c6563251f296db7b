/// A priced resource of the imported scenario, before it is written out: an orcha-cost type
/// with the parameters the templates state, usage the templates cannot know, the template
/// resources it stands for, and what was assumed.
public struct ImportedResource: Sendable {
    /// A parameter value as it is written in the scenario.
    public enum Value: Sendable, Equatable {
        case number(String)
        case text(String)
        case flag(Bool)
    }

    /// Usage the templates cannot know: a usage input with a range, to be filled in.
    public struct Usage: Sendable {
        public var parameter: String
        public var unit: String
        public var range: String
        public var what: String
    }

    public var type: String
    /// A name for the scenario's resource id (the logical id without CDK's hash).
    public var name: String
    public var parameters: [(String, Value)] = []
    public var usage: [Usage] = []
    /// `FILE: LogicalId` of each template resource it stands for.
    public var sources: [String] = []
    public var assumptions: [String] = []
    /// How many template resources were merged into this one.
    public var members = 1

    public init(type: String, name: String) {
        self.type = type
        self.name = name
    }

    public subscript(parameter: String) -> Value? {
        get { parameters.first { $0.0 == parameter }?.1 }
        set {
            if let i = parameters.firstIndex(where: { $0.0 == parameter }) {
                if let newValue { parameters[i].1 = newValue } else { parameters.remove(at: i) }
            } else if let newValue {
                parameters.append((parameter, newValue))
            }
        }
    }

    public mutating func set(_ parameter: String, _ value: Value?) { self[parameter] = value }

    public mutating func use(_ parameter: String, _ unit: String, _ range: String, _ what: String) {
        usage.append(Usage(parameter: parameter, unit: unit, range: range, what: what))
    }

    /// Parameters that add up when resources of one type merge (4 queues are one `sqs` with
    /// `queues: 4`); resources merge when all their other parameters are equal.
    static let additive: [String: Set<String>] = [
        "sqs": ["queues"], "s3": ["buckets"], "sns": ["topics"],
        "cloudwatch": ["alarms", "high_resolution_alarms", "dashboards"], "secrets_manager": ["secrets"],
        "route53": ["hosted_zones", "health_checks"], "codepipeline": ["pipelines"], "kms": ["keys"],
        "ec2_instance": ["count"], "vpc_endpoint_interface": ["endpoints"], "vpc_endpoint_gateway": ["count"],
        "public_ipv4": ["count"], "nat_gateway": ["count"], "alb": ["count"], "nlb": ["count"],
        "classic_elb": ["count"], "gateway_load_balancer": ["count"], "waf": ["web_acls", "rules"],
        "ssm_parameter": ["advanced_parameters"], "eks_cluster": ["count"], "vpn_connection": ["count"],
        "transit_gateway": ["attachments"], "ecr": ["images"], "codebuild": [], "cloudtrail": [],
        "gateway_load_balancer_endpoint": ["endpoints"], "eventbridge": [],
    ]

    /// Whether `other` can merge into this one: same type, equal non-additive parameters.
    func merges(with other: ImportedResource) -> Bool {
        guard type == other.type, let add = Self.additive[type] else { return false }
        let mine = parameters.filter { !add.contains($0.0) }
        let theirs = other.parameters.filter { !add.contains($0.0) }
        guard mine.count == theirs.count else { return false }
        for (k, v) in mine where other[k] != v { return false }
        return Set(usage.map(\.parameter)) == Set(other.usage.map(\.parameter)) || usage.isEmpty || other.usage.isEmpty
    }

    mutating func merge(_ other: ImportedResource) {
        for p in Self.additive[type] ?? [] {
            switch (self[p], other[p]) {
            case (.number(let a)?, .number(let b)?): self[p] = .number(Self.add(a, b))
            case (nil, .number(let b)?): self[p] = .number(b)
            default: break
            }
        }
        for u in other.usage where !usage.contains(where: { $0.parameter == u.parameter }) { usage.append(u) }
        sources += other.sources
        members += other.members
        assumptions += other.assumptions.filter { !assumptions.contains($0) }
    }

    /// Adds two whole counts written as text.
    static func add(_ a: String, _ b: String) -> String {
        if let x = Int(a), let y = Int(b), case (let sum, false) = x.addingReportingOverflow(y) { return String(sum) }
        return a
    }
}
