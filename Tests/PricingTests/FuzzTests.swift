import CostModel
import Foundation
import Pricing
import TestSupport
import Testing

/// Random byte mutations of the genuine price-list excerpts through the importer: each either
/// imports rows or fails with a `path:line: error:` diagnostic, and a failure leaves the
/// catalog as it was. CI runs a bounded number of cases; `bench/fuzz.sh` runs many more
/// (ORCHA_COST_FUZZ_CASES, ORCHA_COST_FUZZ_SEED).
@Suite struct FuzzTests {
    static let excerpts = [
        "AWSQueueService-eu-west-2.csv", "AmazonECS-eu-west-2.csv", "AmazonRDS-eu-west-2.subset.csv", "AmazonS3-eu-west-2.csv",
        "AWSDatabaseSavingsPlans-ap-south-2.head.csv", "AmazonEC2-us-east-2-2017.rows.csv", "AWSDataTransfer-eu-west-2.csv",
    ]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !b.isEmpty else { break }
            let i = Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: b[i] = UInt8.random(in: 0...255, using: &rng)  // any byte
            case 1: b.insert(UInt8(ascii: "\""), at: i)  // a stray quote
            case 2: b.insert(UInt8(ascii: ","), at: i)  // an extra field
            case 3: b.removeSubrange(i..<min(b.count, i + Int.random(in: 1...200, using: &rng)))  // a hole
            case 4: b.removeSubrange(i..<b.count)  // truncated download
            case 5: b.insert(contentsOf: Array("\r\n".utf8), at: i)
            case 6: b[i] = UInt8(ascii: "9")  // a digit where text was
            default:  // a duplicated line
                let start = b[..<i].lastIndex(of: 10).map { $0 + 1 } ?? 0
                let end = b[i...].firstIndex(of: 10).map { $0 + 1 } ?? b.count
                b.insert(contentsOf: b[start..<end], at: end)
            }
        }
        return b
    }

    @Test func mutatedPriceListsImportOrFailCleanly() throws {
        let env = ProcessInfo.processInfo.environment
        let cases = Int(env["ORCHA_COST_FUZZ_CASES"] ?? "") ?? 600
        var rng = SplitMix64(state: UInt64(env["ORCHA_COST_FUZZ_SEED"] ?? "") ?? 20_261_126)
        let dir = TempDir()
        let catalog = try dir.catalog()
        let importer = PriceListImporter(catalog: catalog)
        let sources = Self.excerpts.map { Array(FileManager.default.contents(atPath: Fixtures.priceList($0))!) }
        var imported = 0
        var rejected = 0
        for n in 0..<cases {
            let source = sources[n % sources.count]
            let bytes = Self.mutate(source, &rng)
            let path = dir.write("case-\(n % 8).csv", bytes: bytes)
            let before = try snapshot(catalog)
            do {
                let s = try importer.importFile(path)
                #expect(s.rows > 0)
                imported += 1
            } catch let error as UserError {
                rejected += 1
                #expect(error.status == .dataError, "case \(n): \(error)")
                #expect(error.diagnostics.allSatisfy { $0.path == path }, "case \(n): \(error)")
                #expect(error.description.hasPrefix(path + ":"), "case \(n): \(error)")
                #expect(try snapshot(catalog) == before, "case \(n) changed the catalog")
            }
        }
        #expect(imported + rejected == cases)
        #expect(
            imported > 0 && rejected > 0, "mutations should produce both outcomes: \(imported) imported, \(rejected) rejected")
    }
}
