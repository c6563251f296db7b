/// One metric in the store.
public struct StoredMetric: Sendable {
    public var metric: String
    public var points: Int
    public var first: Int64
    public var last: Int64
    public var files: Int

    public init(metric: String, points: Int, first: Int64, last: Int64, files: Int) {
        self.metric = metric
        self.points = points
        self.first = first
        self.last = last
        self.files = files
    }
}
