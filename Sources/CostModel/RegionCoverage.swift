/// Counts of a region's keys by quality.
public struct RegionCoverage: Sendable {
    public var region: String
    public var counts: [PriceQuality: Int] = [:]
    public var missing = 0

    public init(region: String, counts: [PriceQuality: Int] = [:], missing: Int = 0) {
        self.region = region
        self.counts = counts
        self.missing = missing
    }
}
