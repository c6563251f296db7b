import CostModel
import FileIO

extension PriceListImporter {
    /// Normalised header name: lower case, letters and digits only.
    static func normalize(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") })
    }

    enum Role: Int, CaseIterable {
        case sku, offerTermCode, rateCode, termType, description, effectiveDate, begin, end, unit, price,
            currency, relatedTo, lease, leaseUnit, purchaseOption, offeringClass, productFamily, serviceCode,
            location, regionCode, usageType, operation, fromRegionCode, fromLocation, toRegionCode, toLocation
    }

    /// Header names (normalised) that fill each role, for on-demand/reserved offer files.
    static let offerRoles: [Role: [String]] = [
        .sku: ["sku"], .offerTermCode: ["offertermcode"], .rateCode: ["ratecode"], .termType: ["termtype"],
        .description: ["pricedescription"], .effectiveDate: ["effectivedate"], .begin: ["startingrange"],
        .end: ["endingrange"], .unit: ["unit"], .price: ["priceperunit"], .currency: ["currency"],
        .relatedTo: ["relatedto"], .lease: ["leasecontractlength"], .purchaseOption: ["purchaseoption"],
        .offeringClass: ["offeringclass"], .productFamily: ["productfamily"], .serviceCode: ["servicecode"],
        .location: ["location"], .regionCode: ["regioncode"], .usageType: ["usagetype"], .operation: ["operation"],
        .fromRegionCode: ["fromregioncode"], .fromLocation: ["fromlocation"], .toRegionCode: ["toregioncode"],
        .toLocation: ["tolocation"],
    ]

    /// Savings Plans CSVs: the discounted usage is what the row prices.
    static let savingsPlanRoles: [Role: [String]] = [
        .sku: ["sku"], .rateCode: ["ratecode"], .description: ["description"], .effectiveDate: ["effectivedate"],
        .unit: ["unit"], .price: ["discountedrate"], .currency: ["currency"], .lease: ["leasecontractlength"],
        .leaseUnit: ["leasecontractlengthunit"], .purchaseOption: ["purchaseoption"], .productFamily: ["productfamily"],
        .serviceCode: ["discountedservicecode"], .location: ["location"], .regionCode: ["discountedregioncode"],
        .usageType: ["discountedusagetype"], .operation: ["discountedoperation"],
    ]

    /// Columns that describe the price/term rather than the product: not stored as attributes.
    /// ("Description" is the price's text in a Savings Plans CSV but a product attribute in an
    /// offer file, e.g. AmazonApiGateway's.)
    static let termColumns: Set<String> = [
        "sku", "offertermcode", "ratecode", "termtype", "pricedescription", "effectivedate", "startingrange",
        "endingrange", "unit", "priceperunit", "currency", "relatedto", "leasecontractlength", "purchaseoption",
        "offeringclass",
    ]
    static let savingsPlanTermColumns = termColumns.union(["discountedrate", "leasecontractlengthunit", "description"])

    /// The column layout found on line 6.
    struct Layout {
        var names: [String]
        /// Column of each role (by raw value), -1 when the file has no such column.
        var columns = [Int](repeating: -1, count: Role.allCases.count)
        /// The columns stored as product attributes, in file order (`sources.columns`).
        var attributeColumns: [Int] = []
        var isSavingsPlan: Bool

        @inline(__always) func field(_ role: Role) -> Int { columns[role.rawValue] }
        func has(_ role: Role) -> Bool { columns[role.rawValue] >= 0 }
    }

    static func layout(header: [String], path: String, line: Int) throws -> Layout {
        let normalized = header.map(normalize)
        let isSP = normalized.contains("discountedrate")
        var layout = Layout(names: header, isSavingsPlan: isSP)
        let roles = isSP ? savingsPlanRoles : offerRoles
        for (role, names) in roles {
            if let i = normalized.firstIndex(where: { names.contains($0) }) { layout.columns[role.rawValue] = i }
        }
        var required: [(Role, String)] = [(.sku, "SKU"), (.unit, "Unit")]
        required.append(isSP ? (.price, "DiscountedRate") : (.price, "PricePerUnit"))
        if !isSP { required.append((.termType, "TermType")) }
        var missing = required.filter { !layout.has($0.0) }.map { "\"\($0.1)\"" }
        if !layout.has(.regionCode) && !layout.has(.location) && !layout.has(.fromRegionCode) && !layout.has(.fromLocation) {
            missing.append("\"Region Code\" or \"Location\"")
        }
        if !missing.isEmpty {
            throw UserError(
                path: path, line: line,
                "the header has no \(missing.joined(separator: ", ")) column",
                hint: "line 6 of an AWS Price List CSV names the columns; this file is not one, or its header is damaged")
        }
        let dedupe = Set(normalized)
        if dedupe.count != normalized.count {
            let dup = normalized.enumerated().first { n in normalized.firstIndex(of: n.element) != n.offset }!
            throw UserError(path: path, line: line, "column \"\(header[dup.offset])\" appears twice in the header")
        }
        let termSet = isSP ? savingsPlanTermColumns : termColumns
        layout.attributeColumns = normalized.indices.filter { !termSet.contains(normalized[$0]) }
        return layout
    }

    /// Checks the first bytes (`head`, as stored: not decompressed) for files that are clearly
    /// something else, to say what they are.
    static func sniff(head: [UInt8], path: String) throws {
        guard !head.isEmpty else {
            throw UserError(
                path: path, line: 1, "empty file: not an AWS Price List CSV",
                hint: "download the offer's index.csv (see README: how to update prices)")
        }
        let bytes = head[...]
        if bytes.starts(with: [0x1f, 0x8b]) {
            throw UserError(path: path, line: 1, "gzip-compressed data, not a CSV", hint: "decompress it first (gunzip)")
        }
        if bytes.starts(with: [0x50, 0x4b, 0x03, 0x04]) {
            throw UserError(path: path, line: 1, "zip archive, not a CSV", hint: "unzip it first")
        }
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).makeIterator()
        var lineNo = 0
        while let line = lines.next() {
            lineNo += 1
            let trimmed = line.drop { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
            if trimmed.starts(with: "#".utf8) || trimmed.starts(with: "//".utf8) { continue }
            if trimmed.first == UInt8(ascii: "{") || trimmed.first == UInt8(ascii: "[") {
                throw UserError(
                    path: path, line: lineNo,
                    "this is a JSON file (an offer index.json or a region/service index), not a CSV price list",
                    hint: "download the same offer as CSV: replace index.json by index.csv in its URL")
            }
            break
        }
    }
}
