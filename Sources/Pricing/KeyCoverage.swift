import CostModel
import SQLiteStore

/// How one price key is priced in one region: by AWS's own price list, a sheet, a proxy, an
/// estimate, or not at all.
public struct KeyStatus: Sendable {
    public var key: String
    public var region: String
    /// nil: no price.
    public var quality: PriceQuality?
    public var price: ResolvedPrice?
}

extension PriceResolver {
    /// The regions worth showing: those with a sheet, and those an imported price list covers.
    public func coverageRegions() throws -> [String] {
        let st = try catalog.db.prepare("SELECT DISTINCT region FROM products")
        var regions = Set<String>()
        while try st.step() {
            let r = st.text(0) ?? ""
            if AWSServiceNames.regions.contains(r) || r == "global" { regions.insert(r) }
        }
        return regions.sorted { ($0 == "global" ? 1 : 0, $0) < ($1 == "global" ? 1 : 0, $1) }
    }

    /// Every on-demand key the sheets define (any region), as priced in `region`; global keys for
    /// `global`.
    public func coverage(region: String) throws -> [KeyStatus] {
        var out: [KeyStatus] = []
        for key in try catalog.sheetKeys() where CommitmentKey(key) == nil {
            guard let selector = registry.selector(for: key), selector.isGlobal == (region == "global") else { continue }
            let price = try resolve(key: key, region: region)
            out.append(KeyStatus(key: key, region: region, quality: price?.quality, price: price))
        }
        return out
    }

    public func coverageSummary(region: String) throws -> RegionCoverage {
        var c = RegionCoverage(region: region)
        for status in try coverage(region: region) {
            if let q = status.quality { c.counts[q, default: 0] += 1 } else { c.missing += 1 }
        }
        return c
    }
}
