/// What one metrics import did.
public struct MetricImport: Sendable {
    public var path: String
    public var format: String
    public var points: Int
    public var metrics: [String]
    /// Earlier imports of the same file (by path or content) that this one replaced.
    public var replaced: [String]

    public init(path: String, format: String, points: Int, metrics: [String], replaced: [String]) {
        self.path = path
        self.format = format
        self.points = points
        self.metrics = metrics
        self.replaced = replaced
    }
}
