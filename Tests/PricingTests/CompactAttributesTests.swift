import CostModel
import FileIO
import Foundation
import TestSupport
import Testing

@testable import Pricing

/// Each product's attributes as the JSON object the catalog gave before schema 5 (header names,
/// file order, empty values left out), built straight from the file: product key -> JSON.
func attributesInFile(_ path: String) throws -> [String: String] {
    let stream = try CSVStream(path: path, hints: .generic)
    stream.skipLeadingCommentLines = true
    var n = 0
    var layout: PriceListImporter.Layout?
    var out: [String: String] = [:]
    try stream.forEachRecord { rec in
        n += 1
        if n < 6 { return }
        let header = (0..<rec.count).map { rec.string($0) }
        guard let l = layout else {
            layout = try PriceListImporter.layout(header: header, path: path, line: rec.line)
            return
        }
        let key = l.isSavingsPlan ? rec.string(l.field(.rateCode)) : rec.string(l.field(.sku))
        if out[key] != nil { return }
        let pairs = l.attributeColumns.filter { !rec.string($0).isEmpty }.map {
            JSON.quote(l.names[$0]) + ":" + JSON.quote(rec.string($0))
        }
        out[key] = "{" + pairs.joined(separator: ",") + "}"
    }
    return out
}

@Suite struct CompactAttributesTests {
    @Test(arguments: ImporterTests.csvExcerpts)
    func everyProductReadsBackTheAttributesOfItsFile(name: String) throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(name))
        let expected = try attributesInFile(Fixtures.priceList(name))
        let st = try catalog.db.prepare(
            """
            SELECT p.product_key, attributes_json(p.source_id, p.attributes), typeof(p.attributes)
            FROM products p JOIN sources s ON s.id = p.source_id WHERE s.kind != 'sheet'
            """)
        var seen = 0
        while try st.step() {
            seen += 1
            let key = st.text(0) ?? ""
            #expect(st.text(2) == "blob", "\(key)")
            #expect(st.text(1) == expected[key], "\(key)")
        }
        #expect(seen == expected.count)
        // Each distinct value once.
        #expect(
            try catalog.db.scalarInt("SELECT COUNT(*) FROM attribute_values")
                == catalog.db.scalarInt("SELECT COUNT(DISTINCT value) FROM attribute_values"))
    }

    @Test func theInternerNumbersValuesOnceAndStopsWhenFull() {
        let interner = AttributeInterner(columns: 2, maxValues: 3, maxBytes: 100)
        func id(_ s: String, _ column: Int) -> (Int, Bool)? {
            Array(s.utf8).withUnsafeBytes { interner.id($0, column: column) }.map { ($0.id, $0.isNew) }
        }
        #expect(id("Yes", 0)! == (1, true))
        #expect(id("Yes", 1)! == (1, false))
        #expect(id("EU (London)", 0)! == (2, true))
        #expect(id("Yes", 0)! == (1, false))
        #expect(id("a-value-longer-than-eight-bytes", 1)! == (3, true))
        #expect(id("full", 0) == nil)
        #expect(id("a-value-longer-than-eight-bytes", 0)! == (3, false))
        #expect(id("EU (London)", 1)! == (2, false))
        // Many values: the table grows and finds each one again.
        let big = AttributeInterner(columns: 1)
        let values = (0..<20000).map { "value \($0 * 7919 % 20011)" }
        for (i, v) in values.enumerated() {
            let got = Array(v.utf8).withUnsafeBytes { big.id($0, column: 0) }
            #expect(got?.id == i + 1 && got?.isNew == true)
        }
        for (i, v) in values.enumerated().reversed() where i % 97 == 0 {
            let got = Array(v.utf8).withUnsafeBytes { big.id($0, column: 0) }
            #expect(got?.id == i + 1 && got?.isNew == false)
        }
    }

    func decode(_ blob: [UInt8], keys: [String], values: [Int: String]) -> String? {
        let quotedKeys = keys.map { Array((JSON.quote($0) + ":").utf8) }
        var out: [UInt8] = []
        let ok = blob.withUnsafeBytes { b in
            CompactAttributes.json(b, keys: quotedKeys, value: { values[$0].map { Array(JSON.quote($0).utf8) } }, into: &out)
        }
        return ok ? String(decoding: out, as: UTF8.self) : nil
    }

    @Test func blobsDecodeToTheJSONObjectAndDamagedOnesAreRefused() {
        var blob: [UInt8] = []
        CompactAttributes.appendVarint(1, to: &blob)  // skip "A"
        CompactAttributes.appendVarint(3 << 1, to: &blob)  // "B": 3 bytes inline
        blob += Array("x\"\\".utf8)
        CompactAttributes.appendVarint(0, to: &blob)  // "C": value 200 (a two-byte varint)
        CompactAttributes.appendVarint(200 << 1 | 1, to: &blob)
        let keys = ["A", "B", "C", "D"]
        #expect(decode(blob, keys: keys, values: [200: "Yes"]) == #"{"B":"x\"\\","C":"Yes"}"#)
        #expect(decode([], keys: keys, values: [:]) == "{}")
        #expect(decode(blob, keys: keys, values: [:]) == nil)  // value 200 missing
        #expect(decode(Array(blob.dropLast()), keys: keys, values: [200: "Yes"]) == nil)  // varint cut short
        #expect(decode([0, 10, 65], keys: keys, values: [:]) == nil)  // 5 bytes inline, 1 there
        #expect(decode([4, 3], keys: keys, values: [1: "v"]) == nil)  // column 5 of 4
        #expect(decode([0, 0], keys: keys, values: [:]) == nil)  // an empty inline value is never written
        #expect(decode([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 1], keys: keys, values: [:]) == nil)
    }

    @Test func damagedAttributesInTheCatalogAreAnErrorNotACrash() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AWSELB-eu-west-2.csv"))
        // A varint cut short, in the product elb.alb.hour resolves to.
        try catalog.db.execute("UPDATE products SET attributes = X'00FF' WHERE sku = '6AP766DZF74JPTE2'")
        do {
            let rows = try queryAll(catalog, CatalogFilter(service: "AWSELB"))
            Issue.record("no error: \(rows.count) rows")
        } catch let error as UserError {
            #expect(error.description.contains("malformed attributes"), "\(error)")
        }
        let resolver = PriceResolver(catalog: catalog)
        #expect(throws: UserError.self) { try resolver.resolve(key: "elb.alb.hour", region: "eu-west-2") }
    }

    @Test func replacingAnImportRemovesItsValues() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let importer = PriceListImporter(catalog: catalog)
        _ = try importer.importFile(Fixtures.priceList("AmazonS3-eu-west-2.csv"))
        let once = try catalog.db.scalarInt("SELECT COUNT(*) FROM attribute_values")
        #expect(once > 0)
        _ = try importer.importFile(Fixtures.priceList("AmazonS3-eu-west-2.csv"))
        #expect(try catalog.db.scalarInt("SELECT COUNT(*) FROM attribute_values") == once)
        #expect(
            try catalog.db.scalarInt(
                "SELECT COUNT(*) FROM attribute_values WHERE source_id NOT IN (SELECT id FROM sources)") == 0)
    }

    /// The imported rows of `catalog query`, each as service, rate code and attributes.
    func imported(_ catalog: Catalog) throws -> [String] {
        try queryAll(catalog).filter { $0.termType != "Sheet" }.map { "\($0.service) \($0.rateCode) \($0.attributesJSON)" }
    }

    @Test func aSchema4CatalogMigratesAndItsJSONAttributesStillServe() throws {
        let dir = TempDir()
        let path = dir.file("catalog.sqlite")
        let rds = Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv")
        var before: [String] = []
        var price: ResolvedPrice?
        do {
            let catalog = try dir.catalog()
            _ = try PriceListImporter(catalog: catalog).importFile(rds)
            before = try imported(catalog)
            price = try PriceResolver(catalog: catalog).resolve(key: "rds.postgres.db.t4g.micro.single_az", region: "eu-west-2")
            // Back to schema 4: attributes as JSON text, no attribute_values.
            try catalog.db.execute(
                """
                UPDATE products SET attributes = attributes_json(source_id, attributes);
                DROP TABLE attribute_values;
                PRAGMA user_version = 4;
                """)
            #expect(try catalog.db.scalarInt("SELECT COUNT(*) FROM products WHERE typeof(attributes) != 'text'") == 0)
        }
        let catalog = try Catalog(path: path)
        #expect(try catalog.db.scalarInt("PRAGMA user_version") == Int64(Catalog.schemaVersion))
        // products_key now holds the sheets' products only, and the sheet lookups use it.
        #expect(
            try catalog.db.scalarText("SELECT sql FROM sqlite_master WHERE name = 'products_key'")
                == "CREATE INDEX products_key ON products (product_key, region) WHERE usage_type IS NULL")
        #expect(
            try catalog.db.scalarInt("SELECT COUNT(*) FROM products INDEXED BY products_key WHERE usage_type IS NULL")
                == catalog.db.scalarInt(
                    "SELECT COUNT(*) FROM products p JOIN sources s ON s.id = p.source_id WHERE s.kind = 'sheet'"))
        let plan = try catalog.db.prepare(
            """
            EXPLAIN QUERY PLAN SELECT pr.price FROM products p JOIN sources s ON s.id = p.source_id
            JOIN prices pr ON pr.product_id = p.id
            WHERE s.kind = 'sheet' AND \(Catalog.isSheetProduct) AND p.product_key = 'elb.alb.hour' AND p.region = 'eu-west-2'
            """)
        var details: [String] = []
        while try plan.step() { details.append(plan.text(3) ?? "") }
        #expect(details.contains { $0.contains("USING INDEX products_key") }, "\(details)")
        #expect(try imported(catalog) == before)
        let filtered = try queryAll(
            catalog, CatalogFilter(attributes: [("database engine", "PostgreSQL"), ("term_type", "OnDemand")]))
        #expect(!filtered.isEmpty)
        #expect(filtered.allSatisfy { $0.attributesJSON.contains(#""Database Engine":"PostgreSQL""#) })
        let again = try PriceResolver(catalog: catalog).resolve(key: "rds.postgres.db.t4g.micro.single_az", region: "eu-west-2")
        #expect(price?.priceOrigin == .priceList)
        #expect(again?.tiers == price?.tiers && again?.source == price?.source)
        // A later import beside the JSON rows, then one replacing them, stores the compact form.
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AWSELB-eu-west-2.csv"))
        _ = try PriceListImporter(catalog: catalog).importFile(rds)
        #expect(try imported(catalog).filter { $0.hasPrefix("AmazonRDS ") } == before)
        #expect(
            try catalog.db.scalarInt("SELECT COUNT(*) FROM products WHERE typeof(attributes) = 'text' AND attributes != '{}'")
                == 0)
    }
}
