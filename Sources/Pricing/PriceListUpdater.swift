import CostModel
import FileIO
import Foundation
import SQLiteStore

/// `catalog update`: finds the current regional price lists in the public AWS Price List bulk API
/// (no credentials) and streams each one into the catalog.
///
/// The service index (`/offers/v1.0/aws/index.json`) names each offer's region index
/// (`currentRegionIndexUrl`, regions keyed by code, each with a `currentVersionUrl`) and, for
/// offers covered by Savings Plans, a Savings Plans region index (`currentSavingsPlanIndexUrl`,
/// `regions` an array of `{regionCode, versionUrl}`). A region's CSV is its version URL with
/// `.json` replaced by `.csv`. Each offer and region is imported in its own transaction; one whose
/// version the catalog already holds is skipped.
public struct PriceListUpdater {
    public static let defaultEndpoint = "https://pricing.us-east-1.amazonaws.com"
    public static let serviceIndexPath = "/offers/v1.0/aws/index.json"
    /// Index files above this size are refused (the genuine service index is about 200 KB).
    public static let indexSizeLimit = 64 * 1024 * 1024

    public let catalog: Catalog
    /// Scheme and host (and port) of the Price List API, without a trailing slash.
    public let endpoint: String

    public init(catalog: Catalog, endpoint: String) {
        self.catalog = catalog
        var e = endpoint
        while e.hasSuffix("/") { e.removeLast() }
        self.endpoint = e
    }

    /// `--endpoint`, else `$ORCHA_COST_PRICE_LIST_ENDPOINT`, else AWS's public endpoint.
    public static func endpoint(option: String?) throws -> String {
        let value =
            option ?? ProcessInfo.processInfo.environment["ORCHA_COST_PRICE_LIST_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? defaultEndpoint
        guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
            throw UserError(
                message: "endpoint '\(value)' is not an http:// or https:// URL",
                hint: "e.g. --endpoint \(defaultEndpoint)", status: .usage)
        }
        return value
    }

    /// The offers updated when no `--service` is given: those the key registry can price from an
    /// AWS Price List (a key with a usage type or match).
    public static func defaultOffers(_ catalog: Catalog) throws -> [String] {
        try catalog.registry().offerCodes
    }

    /// One regional price list to fetch.
    public struct Target: Sendable, Equatable {
        public var offerCode: String
        public var region: String
        /// The CSV's URL.
        public var url: String
        /// The CSV's path on the endpoint (`/offers/v1.0/aws/AmazonRDS/20260904172716/eu-west-2/index.csv`).
        public var path: String
        /// The version in the URL (`20260904172716`), the same as the CSV's `Version` line.
        public var version: String?
        public var isSavingsPlan: Bool
    }

    public enum Entry: Sendable, Equatable {
        case target(Target)
        /// The offer has no price list for the region (absent from its region index).
        case notOffered(offer: String, region: String)
    }

    public struct Plan: Sendable {
        public var entries: [Entry] = []
        /// Default offers the service index does not list.
        public var missingOffers: [String] = []
    }

    /// An offer's region index: region code → version URL.
    struct RegionIndex {
        var offerCode: String
        var isSavingsPlan: Bool
        var regions: [String: String]
    }

    func absolute(_ url: String) -> String {
        url.hasPrefix("http://") || url.hasPrefix("https://") ? url : endpoint + (url.hasPrefix("/") ? url : "/" + url)
    }

    /// The advice when an index cannot be read: fetch the regional CSV another way.
    var byHand: String {
        "download the price list by hand (\(endpoint)/offers/v1.0/aws/<OfferCode>/current/<region>/index.csv) and run orcha-cost catalog import FILE"
    }

    func badIndex(_ url: String, _ what: String, _ detail: String) -> UserError {
        UserError(
            message: "\(url) is not a price-list \(what): \(detail)",
            hint: "check --endpoint (or ORCHA_COST_PRICE_LIST_ENDPOINT); or " + byHand, status: .protocolError)
    }

    func fetchJSON(_ url: String, what: String) throws -> [String: Any] {
        let bytes = try HTTPDownload.fetch(url, limit: PriceListUpdater.indexSizeLimit, byHand: byHand)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let start = String(decoding: bytes.prefix(40), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            throw badIndex(url, what, "not JSON (it starts with \"\(start)\")")
        }
        guard let dict = object as? [String: Any] else { throw badIndex(url, what, "not a JSON object") }
        return dict
    }

    /// Reads a region index: `regions` as an object keyed by region code (offers:
    /// `currentVersionUrl`) or as an array (Savings Plans: `versionUrl`).
    func regionIndex(_ url: String, offerCode: String, isSavingsPlan: Bool) throws -> RegionIndex {
        let json = try fetchJSON(url, what: "region index")
        var entries: [[String: Any]] = []
        if let dict = json["regions"] as? [String: Any] {
            for (key, value) in dict {
                guard var entry = value as? [String: Any] else {
                    throw badIndex(url, "region index", "regions.\(key) is not an object")
                }
                if entry["regionCode"] == nil { entry["regionCode"] = key }
                entries.append(entry)
            }
        } else if let array = json["regions"] as? [Any] {
            for (i, value) in array.enumerated() {
                guard let entry = value as? [String: Any] else {
                    throw badIndex(url, "region index", "regions[\(i)] is not an object")
                }
                entries.append(entry)
            }
        } else {
            throw badIndex(url, "region index", "it has no \"regions\"")
        }
        var regions: [String: String] = [:]
        for entry in entries {
            guard let code = entry["regionCode"] as? String,
                let version = (entry["currentVersionUrl"] ?? entry["versionUrl"]) as? String
            else {
                throw badIndex(url, "region index", "a region without \"regionCode\" and \"currentVersionUrl\"/\"versionUrl\"")
            }
            regions[code] = version
        }
        return RegionIndex(offerCode: offerCode, isSavingsPlan: isSavingsPlan, regions: regions)
    }

    /// `AWSComputeSavingsPlan` from `/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json`.
    static func offerCode(inIndexURL url: String) -> String? {
        let parts = url.split(separator: "/").map(String.init)
        guard let aws = parts.firstIndex(of: "aws"), aws + 1 < parts.count else { return nil }
        return parts[aws + 1]
    }

    /// The version in a regional version URL: the path component before the region code.
    static func version(inVersionURL url: String, region: String) -> String? {
        let parts = url.split(separator: "/").map(String.init)
        guard let r = parts.lastIndex(of: region), r > 0 else { return nil }
        let v = parts[r - 1]
        return !v.isEmpty && v.allSatisfy(\.isNumber) ? v : nil
    }

    /// Reads the service index and the region indexes of `offers`, and lists what to fetch for
    /// `regions`. An offer named with `--service` (`offersExplicit`) that the service index lacks
    /// is an error with a did-you-mean, so is a region of `explicitRegions` that no region index
    /// of the requested offers lists.
    public func plan(offers: [String], offersExplicit: Bool, regions: [String], explicitRegions: [String]) throws -> Plan {
        let indexURL = absolute(PriceListUpdater.serviceIndexPath)
        let json = try fetchJSON(indexURL, what: "service index")
        guard let offersJSON = json["offers"] as? [String: Any] else {
            throw badIndex(indexURL, "service index", "it has no \"offers\" object")
        }
        var byLowercase: [String: String] = [:]
        for key in offersJSON.keys { byLowercase[key.lowercased()] = key }
        var plan = Plan()
        var indexes: [RegionIndex] = []
        var savingsPlanIndexes: [String] = []
        for requested in offers {
            guard let code = byLowercase[requested.lowercased()], let offer = offersJSON[code] as? [String: Any] else {
                if offersExplicit {
                    let guess = Spelling.closest(to: requested, in: offersJSON.keys)
                    throw UserError(
                        message: "the service index (\(indexURL)) has no offer '\(requested)'"
                            + (guess.map { ". did you mean '\($0)'?" } ?? ""),
                        hint: "offer codes are written as AWS writes them: AmazonEC2, AmazonRDS, AWSELB, awswaf, ...",
                        status: .usage)
                }
                plan.missingOffers.append(requested)
                continue
            }
            guard let regionIndexURL = offer["currentRegionIndexUrl"] as? String else {
                throw badIndex(indexURL, "service index", "offer \(code) has no \"currentRegionIndexUrl\"")
            }
            indexes.append(try regionIndex(absolute(regionIndexURL), offerCode: code, isSavingsPlan: false))
            if let sp = offer["currentSavingsPlanIndexUrl"] as? String, !savingsPlanIndexes.contains(sp) {
                savingsPlanIndexes.append(sp)
            }
        }
        for sp in savingsPlanIndexes {
            let code = PriceListUpdater.offerCode(inIndexURL: sp) ?? sp
            indexes.append(try regionIndex(absolute(sp), offerCode: code, isSavingsPlan: true))
        }
        let known = Set(indexes.flatMap { $0.regions.keys })
        for region in explicitRegions where !known.contains(region) {
            let guess = Spelling.closest(to: region, in: known.union(AWSServiceNames.regionCodes.values))
            let names = indexes.map(\.offerCode).joined(separator: ", ")
            throw UserError(
                message: "region '\(region)' is in no region index of the requested offers (\(names))"
                    + (guess.map { ". did you mean '\($0)'?" } ?? ""),
                hint: "region codes are written like eu-central-1", status: .usage)
        }
        var seen = Set<String>()
        for region in regions where seen.insert(region).inserted {
            for index in indexes {
                guard let versionURL = index.regions[region] else {
                    plan.entries.append(.notOffered(offer: index.offerCode, region: region))
                    continue
                }
                let path = versionURL.hasSuffix(".json") ? String(versionURL.dropLast(5)) + ".csv" : versionURL
                plan.entries.append(
                    .target(
                        Target(
                            offerCode: index.offerCode, region: region, url: absolute(path), path: path,
                            version: PriceListUpdater.version(inVersionURL: versionURL, region: region),
                            isSavingsPlan: index.isSavingsPlan)))
            }
        }
        return plan
    }

    /// Whether the catalog already holds this version of the offer for the region (imported by
    /// an update, or by `catalog import` of the same file).
    public func isInCatalog(_ target: Target) throws -> Bool {
        guard let version = target.version else { return false }
        let count = try catalog.db.scalarInt(
            """
            SELECT COUNT(*) FROM sources s
            WHERE s.kind IN ('price-list', 'savings-plan') AND s.version = ?
              AND (s.offer_code = ? OR substr(s.path, -length(?)) = ?)
              AND EXISTS (SELECT 1 FROM products p WHERE \(Catalog.productsOfSource) AND p.region = ?)
            """,
            [.text(version), .text(target.offerCode), .text(target.path), .text(target.path), .text(target.region)])
        return count > 0
    }

    /// Downloads the target's CSV and imports it as it arrives, in one transaction that commits
    /// only when the download ended cleanly. `progress` gets (bytes, expected bytes, rows).
    public func importTarget(_ target: Target, progress: ((Int, Int, Int) -> Void)? = nil) throws -> ImportSummary {
        let body = try HTTPBodyStream.open(target.url)
        do {
            return try importBody(body, progress: progress)
        } catch {
            // The body stream is closed by now; a transfer that failed explains a truncated or
            // unparsable body better than the parser does.
            body.cancel()
            if body.waitFailed(), let failure = body.error() { throw failure }
            throw error
        }
    }

    private func importBody(_ body: HTTPBodyStream, progress: ((Int, Int, Int) -> Void)?) throws -> ImportSummary {
        var importer = PriceListImporter(catalog: catalog)
        importer.progress = progress
        let stream = CSVStream(fd: body.takeReadEnd(), path: body.url, size: body.contentLength ?? 0, hints: .priceList)
        return try importer.importStream(stream, path: body.url) { try body.finish() }
    }
}
