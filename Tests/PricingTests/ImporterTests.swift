import CostModel
import FileIO
import Foundation
import TestSupport
import Testing

@testable import Pricing

/// Reads (RateCode, price) pairs straight from a price-list file, to compare with what the
/// catalog returns.
func pricesInFile(_ path: String) throws -> [String: String] {
    let stream = try CSVStream(path: path, hints: .generic)
    stream.skipLeadingCommentLines = true
    var n = 0
    var rateCol = -1
    var priceCol = -1
    var out: [String: String] = [:]
    try stream.forEachRecord { rec in
        n += 1
        if n < 6 { return }
        if n == 6 {
            let names = (0..<rec.count).map { rec.string($0) }
            rateCol = names.firstIndex(of: "RateCode")!
            priceCol = names.firstIndex(of: "PricePerUnit") ?? names.firstIndex(of: "DiscountedRate")!
            return
        }
        out[rec.string(rateCol)] = rec.string(priceCol)
    }
    return out
}

/// Every price row of a file as "RateCode begin-end unit price", read straight from the file.
func rowsInFile(_ path: String) throws -> [String] {
    let stream = try CSVStream(path: path, hints: .generic)
    stream.skipLeadingCommentLines = true
    var n = 0
    var columns: [String: Int] = [:]
    var out: [String] = []
    try stream.forEachRecord { rec in
        n += 1
        if n < 6 { return }
        if n == 6 {
            for i in 0..<rec.count { columns[rec.string(i)] = i }
            return
        }
        func field(_ name: String) -> String { columns[name].map { rec.string($0) } ?? "" }
        let price = columns["PricePerUnit"] != nil ? field("PricePerUnit") : field("DiscountedRate")
        out.append("\(field("RateCode")) \(field("StartingRange"))-\(field("EndingRange")) \(field("Unit")) \(price)")
    }
    return out
}

func queryAll(_ catalog: Catalog, _ filter: CatalogFilter = CatalogFilter()) throws -> [PriceRow] {
    var rows: [PriceRow] = []
    try catalog.query(filter) { rows.append($0) }
    return rows
}

func importError(_ catalog: Catalog, _ path: String) -> UserError? {
    do {
        _ = try PriceListImporter(catalog: catalog).importFile(path)
        return nil
    } catch let e as UserError {
        return e
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite struct ImporterTests {
    static let csvExcerpts = [
        "AWSComputeSavingsPlan-ap-east-2.head.csv", "AWSDataTransfer-eu-west-2.csv", "AWSELB-eu-west-2.csv",
        "AWSELB-us-east-1.csv", "AWSLambda-eu-west-2.csv", "AmazonApiGateway-eu-west-2.csv",
        "AmazonElastiCache-eu-west-2.csv", "AmazonRDS-eu-west-2.csv",
        "AWSDatabaseSavingsPlans-ap-south-2.head.csv", "AWSQueueService-eu-west-2.csv",
        "AmazonEC2-global-20250912.head.csv",
        "AmazonEC2-us-east-2-2017.rows.csv", "AmazonECS-eu-west-2.csv", "AmazonRDS-eu-west-2.subset.csv",
        "AmazonS3-eu-west-2.csv", "comprehend-ap-south-1.head.csv",
    ]

    @Test(arguments: csvExcerpts)
    func importsEveryGenuineExcerptWithPricesExactlyAsWritten(name: String) throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let summary = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(name))
        let expected = try pricesInFile(Fixtures.priceList(name))
        #expect(summary.rows == expected.count)
        let rows = try queryAll(catalog).filter { $0.termType != "Sheet" }
        #expect(rows.count == expected.count)
        for row in rows {
            #expect(expected[row.rateCode] == row.price, "rate \(row.rateCode)")
        }
    }

    @Test(arguments: [
        ("AWSComputeSavingsPlan-ap-east-2.head.csv", 3, 3, ["ap-east-2"]),
        ("AWSDataTransfer-eu-west-2.csv", 10, 7, ["eu-west-2", "global"]),
        ("AWSELB-eu-west-2.csv", 12, 12, ["eu-west-2"]), ("AWSELB-us-east-1.csv", 14, 14, ["us-east-1"]),
        ("AWSLambda-eu-west-2.csv", 15, 11, ["eu-west-2", "global"]),
        ("AmazonApiGateway-eu-west-2.csv", 19, 14, ["eu-west-2"]),
        ("AmazonElastiCache-eu-west-2.csv", 18, 16, ["eu-west-2"]), ("AmazonRDS-eu-west-2.csv", 29, 27, ["eu-west-2"]),
        (
            "AmazonEC2-global-20250912.head.csv", 44, 15,
            [
                "ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
                "ap-southeast-6", "ap-southeast-7", "ca-central-1", "eu-central-1", "eu-west-1", "us-east-1",
                "us-east-1-nyc-1", "us-gov-west-1", "us-west-2",
            ]
        ),
        ("AmazonEC2-us-east-2-2017.rows.csv", 1, 1, ["us-east-2"]),
    ])
    func everyGenuineLayoutLandsInItsRegions(name: String, rows: Int, products: Int, regions: [String]) throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let s = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(name))
        #expect(s.rows == rows)
        #expect(s.products == products)
        #expect(s.regions == regions)
        // Every row's tier and unit as the file writes them.
        let inFile = try rowsInFile(Fixtures.priceList(name))
        let imported = try queryAll(catalog).filter { $0.termType != "Sheet" }
        #expect(
            imported.map { "\($0.rateCode) \($0.beginRange)-\($0.endRange) \($0.unit) \($0.price)" }.sorted() == inFile.sorted())
    }

    @Test func usEast1UsageTypesWithoutRegionPrefixKeepTheirOwnCapitals() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AWSELB-us-east-1.csv"))
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AWSELB-eu-west-2.csv"))
        let expected = [
            "us-east-1": [
                "LoadBalancing 0.0250000000", "LoadBalancing:Application 0.0225000000", "LoadBalancing:Gateway 0.0125000000",
                "LoadBalancing:Network 0.0225000000",
            ],
            "eu-west-2": [
                "LoadBalancing 0.0294000000", "LoadBalancing:Application 0.0264600000", "LoadBalancing:Gateway 0.0147000000",
                "LoadBalancing:Network 0.0264600000",
            ],
        ]
        for (region, hours) in expected {
            let rows = try queryAll(catalog, CatalogFilter(service: "AWSELB", region: region, usageType: "LoadBalancerUsage"))
            #expect(rows.filter { $0.termType != "Sheet" }.map { "\($0.operation) \($0.price)" }.sorted() == hours, "\(region)")
        }
        // The trust-store hour is its own usage type, not a fifth load balancer hour.
        let trustStore = try queryAll(catalog, CatalogFilter(region: "us-east-1", usageType: "TS-LoadBalancerUsage"))
        #expect(trustStore.map(\.price) == ["0.0050000000"])
        #expect(PriceListImporter.baseUsageType("EUC1-NatGateway-Hours") == "NatGateway-Hours")
        #expect(PriceListImporter.baseUsageType("USE1-Fargate-GB-Hours") == "Fargate-GB-Hours")
        #expect(PriceListImporter.baseUsageType("EU-DataTransfer-Out-Bytes") == "DataTransfer-Out-Bytes")
        #expect(PriceListImporter.baseUsageType("EUW2-EU-AWS-Out-Bytes") == "EU-AWS-Out-Bytes")
        #expect(PriceListImporter.baseUsageType("APS5-Multi-AZUsage:db.r7i.2xl") == "Multi-AZUsage:db.r7i.2xl")
        #expect(PriceListImporter.baseUsageType("TS-LoadBalancerUsage") == "TS-LoadBalancerUsage")
        #expect(PriceListImporter.baseUsageType("VPN-Usage-Hours:ipsec.1") == "VPN-Usage-Hours:ipsec.1")
        #expect(PriceListImporter.baseUsageType("LCUUsage") == "LCUUsage")
        #expect(PriceListImporter.baseUsageType("Global-Request") == "Global-Request")
    }

    @Test func lambdaApiGatewayAndElastiCacheTiersAndAttributes() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        for name in ["AWSLambda-eu-west-2.csv", "AmazonApiGateway-eu-west-2.csv", "AmazonElastiCache-eu-west-2.csv"] {
            _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList(name))
        }
        func tiers(_ f: CatalogFilter) throws -> [String] {
            try queryAll(catalog, f).map { "\($0.beginRange)-\($0.endRange)@\($0.price)" }
        }
        #expect(
            try tiers(CatalogFilter(region: "eu-west-2", usageType: "Lambda-GB-Second")) == [
                "0-6000000000@0.0000166667", "6000000000-15000000000@0.0000150000", "15000000000-Inf@0.0000133334",
            ])
        #expect(
            try tiers(CatalogFilter(service: "AWSLambda", region: "global", usageType: "Global-Request")) == [
                "0-1000000@0.0000000000"
            ])
        #expect(
            try tiers(CatalogFilter(region: "eu-west-2", usageType: "ApiGatewayRequest")) == [
                "0-333000000@0.0000035000", "333000000-1000000000@0.0000033300", "1000000000-20000000000@0.0000028300",
                "20000000000-Inf@0.0000018000",
            ])
        // AmazonApiGateway's "Description" column is a product attribute (Savings Plans' is the price text).
        let http = try queryAll(catalog, CatalogFilter(attributes: [("Description", "HTTP API Requests")]))
        #expect(http.map(\.usageType) == ["EUW2-ApiGatewayHttpRequest", "EUW2-ApiGatewayHttpRequest"])
        let micro = try queryAll(
            catalog,
            CatalogFilter(region: "eu-west-2", usageType: "NodeUsage:cache.t4g.micro", attributes: [("term_type", "OnDemand")]))
        var byEngine: [String: String] = [:]
        for row in micro {
            let attrs = try JSONSerialization.jsonObject(with: Data(row.attributesJSON.utf8)) as! [String: String]
            byEngine[attrs["Cache Engine"] ?? "?"] = row.price
        }
        #expect(byEngine == ["Redis": "0.0180000000", "Memcached": "0.0180000000", "Valkey": "0.0144000000"])
        let fee = try queryAll(catalog, CatalogFilter(usageType: "NodeUsage:cache.t4g.micro", attributes: [("unit", "Quantity")]))
        #expect(fee.map { "\($0.leaseContractLength) \($0.purchaseOption) \($0.price)" } == ["3yr Partial Upfront 114"])
    }

    @Test func rdsExcerptKeepsTermsUpfrontFeesAndAttributes() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let s = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv"))
        #expect(s.offerCode == "AmazonRDS")
        #expect(s.version == "20260904172716")
        #expect(s.publicationDate == "2026-09-04T17:27:16Z")
        #expect(s.regions == ["eu-west-2"])
        let rows = try queryAll(catalog, CatalogFilter(service: "AmazonRDS", region: "eu-west-2"))
        #expect(rows.count == 11)
        let micro = rows.first { $0.usageType == "EUW2-InstanceUsage:db.t4g.micro" && $0.termType == "OnDemand" }
        #expect(micro?.price == "0.0180000000")
        #expect(micro?.unit == "Hrs")
        #expect(micro?.beginRange == "0")
        #expect(micro?.endRange == "Inf")
        let fee = rows.first { $0.description == "Upfront Fee" }
        #expect(fee?.price == "112")
        #expect(fee?.termType == "Reserved")
        #expect(fee?.leaseContractLength == "3yr")
        #expect(fee?.purchaseOption == "Partial Upfront")
        #expect(fee?.offeringClass == "standard")
        #expect(fee?.unit == "Quantity")
        #expect(fee?.beginRange == "")
        let attrs = try JSONSerialization.jsonObject(with: Data(micro!.attributesJSON.utf8)) as! [String: String]
        #expect(attrs["Database Engine"] == "PostgreSQL")
        #expect(attrs["Deployment Option"] == "Single-AZ")
        #expect(attrs["Instance Type"] == "db.t4g.micro")

        let postgres = try queryAll(
            catalog, CatalogFilter(attributes: [("database engine", "PostgreSQL"), ("term_type", "OnDemand")]))
        #expect(postgres.count == 8)
        let byUsage = try queryAll(catalog, CatalogFilter(region: "eu-west-2", usageType: "RDS:GP3-Storage"))
        #expect(byUsage.map(\.price) == ["0.1330000000"])
    }

    @Test func tiersAndFreeTierRowsAreKept() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AWSQueueService-eu-west-2.csv"))
        let standard = try queryAll(catalog, CatalogFilter(usageType: "Requests-Tier1", attributes: [("Queue Type", "Standard")]))
        #expect(
            standard.map { "\($0.beginRange)-\($0.endRange)@\($0.price)" } == [
                "0-100000000000@0.0000004000", "100000000000-200000000000@0.0000003500", "200000000000-Inf@0.0000003200",
            ])
        let free = try queryAll(catalog, CatalogFilter(region: "global"))
        #expect(
            free.contains { $0.usageType == "Global-Requests" && $0.endRange == "1000000" && $0.offerTermCode == "A429C66SYZ" })
    }

    @Test func savingsPlanRowsPriceTheDiscountedUsage() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let s = try PriceListImporter(catalog: catalog).importFile(
            Fixtures.priceList("AWSDatabaseSavingsPlans-ap-south-2.head.csv"))
        #expect(s.kind == "savings-plan")
        let rows = try queryAll(catalog, CatalogFilter(region: "ap-south-2"))
        #expect(rows.count == 4)
        let rds = rows.first { $0.usageType == "APS5-Multi-AZUsage:db.r7i.2xl" }
        #expect(rds?.price == "1.824")
        #expect(rds?.service == "AmazonRDS")
        #expect(rds?.termType == "SavingsPlan")
        #expect(rds?.leaseContractLength == "1yr")
        #expect(rds?.purchaseOption == "No Upfront")
    }

    @Test func dataTransferRowsLandInTheRegionTheTrafficLeaves() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let s = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AWSDataTransfer-eu-west-2.csv"))
        #expect(s.offerCode == "AWSDataTransfer")
        #expect(s.rows == 10)
        #expect(s.products == 7)
        #expect(s.regions == ["eu-west-2", "global"])
        let rows = try queryAll(catalog, CatalogFilter(service: "AWSDataTransfer"))
        var regionBySKU: [String: String] = [:]
        for row in rows where row.termType != "Sheet" { regionBySKU[row.sku] = row.region }
        #expect(
            regionBySKU == [
                "4JSKH8FSN5ASHQPW": "eu-west-2",  // out to CloudFront
                "6VMMMYUXJN87WBSX": "eu-west-2",  // between AZs
                "PB257JUQ8U6E6UPM": "global",  // From Location "Global": the 100 GB free tier
                "QZ73H5RGR5JYYB4D": "eu-west-2",  // out to the internet, tiered
                "TZSWRRM2EWTHHHRZ": "eu-west-2",  // to eu-west-1
                "U7M39C97M5XGPWHJ": "eu-west-2",  // inbound: From Location "External", To Region Code eu-west-2
                "UFS3N56WEYYKUV47": "global",  // From and To Location "Global"
            ])
        let out = try queryAll(catalog, CatalogFilter(region: "eu-west-2", usageType: "DataTransfer-Out-Bytes"))
        #expect(
            out.map { "\($0.beginRange)-\($0.endRange)@\($0.price)" } == [
                "0-10240@0.0900000000", "10240-51200@0.0850000000", "51200-153600@0.0700000000", "153600-Inf@0.0500000000",
            ])
        #expect(out.allSatisfy { $0.unit == "GB" && $0.offerTermCode == "JRTCKXETXF" })
        #expect(
            try catalog.db.scalarText(
                "SELECT group_concat(DISTINCT related_to) FROM prices pr JOIN products p ON p.id = pr.product_id WHERE p.sku = 'QZ73H5RGR5JYYB4D'"
            ) == "PB257JUQ8U6E6UPM")
        // Transfer columns stay product attributes, for the resolver's `match`.
        let attrs =
            try JSONSerialization.jsonObject(
                with: Data(try #require(rows.first { $0.sku == "TZSWRRM2EWTHHHRZ" }).attributesJSON.utf8)) as! [String: String]
        #expect(attrs["Transfer Type"] == "InterRegion Outbound")
        #expect(attrs["To Location"] == "EU (Ireland)")
        #expect(attrs["To Region Code"] == "eu-west-1")
        #expect(attrs["From Region Code"] == "eu-west-2")
        let inbound = try queryAll(catalog, CatalogFilter(region: "eu-west-2", attributes: [("Transfer Type", "AWS Inbound")]))
        #expect(inbound.map(\.usageType) == ["EUW2-DataTransfer-In-Bytes"])
        let interRegion = try queryAll(
            catalog,
            CatalogFilter(region: "eu-west-2", usageType: "EUW2-EU-AWS-Out-Bytes", attributes: [("To Region Code", "eu-west-1")]))
        #expect(interRegion.map(\.price) == ["0.0200000000"])
        let free = try queryAll(catalog, CatalogFilter(service: "AWSDataTransfer", region: "global"))
        #expect(
            free.filter { $0.termType != "Sheet" }.map {
                "\($0.usageType) \($0.beginRange)-\($0.endRange)@\($0.price) \($0.offerTermCode)"
            }.sorted() == [
                "Global-DataTransfer-Out-Bytes 0-100@0.0000000000 A429C66SYZ",
                "Global-DataTransfer-Regional-Bytes 0-1@0.0000000000 A429C66SYZ",
            ])
    }

    @Test(arguments: [
        ("AWSQueueService-eu-west-2.csv", "\"USD\""), ("AWSDatabaseSavingsPlans-ap-south-2.head.csv", ",USD,"),
    ])
    func aPriceListInAnotherCurrencyIsRefusedAtItsFirstRow(name: String, usd: String) throws {
        // AWS China publishes CNY: the same layout with another currency.
        var lines = readText(Fixtures.priceList(name)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[8] = lines[8].replacingOccurrences(of: usd, with: usd.replacingOccurrences(of: "USD", with: "CNY"))
        lines[9] = lines[9].replacingOccurrences(of: usd, with: usd.replacingOccurrences(of: "USD", with: "CNY"))
        let dir = TempDir()
        let path = dir.write(name, lines.joined(separator: "\n"))
        let catalog = try dir.catalog()
        let before = try snapshot(catalog)
        let error = try #require(importError(catalog, path))
        #expect(error.status == .dataError)
        #expect(error.diagnostics.map(\.line) == [9])
        #expect(error.description.hasPrefix("\(path):9: error: prices in CNY, not USD"), "\(error)")
        #expect(try snapshot(catalog) == before)
    }

    @Test func rangeOrderComparesNumbersNotText() {
        func above(_ a: String, _ b: String) -> Bool {
            a.utf8CString.withUnsafeBytes { x in
                b.utf8CString.withUnsafeBytes { y in
                    PriceListImporter.rangeAbove(
                        UnsafeRawBufferPointer(rebasing: x.dropLast()), UnsafeRawBufferPointer(rebasing: y.dropLast()))
                }
            }
        }
        #expect(above("51200", "10240"))
        #expect(!above("10240", "51200"))
        #expect(above("100000000000", "20000000000"))  // longer wins, though "1" < "2"
        #expect(!above("0", "Inf"))
        #expect(above("Inf", "153600"))
        #expect(!above("Inf", "Inf"))
        #expect(!above("100", "100.0"))
        #expect(above("0.5", "0.25"))
        #expect(!above("007", "7"))
        #expect(above("7.01", "007"))
    }

    @Test func header2017WithoutRegionCodeUsesLocation() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let s = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AmazonEC2-us-east-2-2017.rows.csv"))
        #expect(s.regions == ["us-east-2"])
    }

    @Test(arguments: [
        ("AmazonEC2-us-east-2.offer-json.trimmed.txt", "JSON file"),
        ("aws-service-index.head.json.txt", "JSON file"),
        ("comprehend-region_index.head.json.txt", "JSON file"),
        ("columns-by-service.snake_case.txt", "not an AWS Price List CSV"),
        ("SOURCES.md", "not an AWS Price List CSV"),
        ("AWSComputeSavingsPlan-region_index.head.json.txt", "JSON file"),
        ("AWSDatabaseSavingsPlans-region_index.json", "JSON file"), ("AmazonEC2-version-index.head.json.txt", "JSON file"),
    ])
    func filesThatAreNotCSVPriceListsGetAClearMessage(name: String, message: String) throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let before = try snapshot(catalog)
        let error = try #require(importError(catalog, Fixtures.priceList(name)))
        #expect(error.status == .dataError)
        #expect(error.description.contains(message), "\(error)")
        #expect(error.description.hasPrefix(Fixtures.priceList(name) + ":"), "\(error)")
        #expect(try snapshot(catalog) == before)
    }

    @Test func bomAndCRLFFilesSimplyWork() throws {
        let dir = TempDir()
        let text = readText(Fixtures.priceList("AWSQueueService-eu-west-2.csv"))
        let crlf = [0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let path = dir.write("sqs-bom-crlf.csv", bytes: crlf)
        let catalog = try dir.catalog()
        let s = try PriceListImporter(catalog: catalog).importFile(path)
        #expect(s.rows == 8)
        let expected = try pricesInFile(Fixtures.priceList("AWSQueueService-eu-west-2.csv"))
        for row in try queryAll(catalog).filter({ $0.termType != "Sheet" }) {
            #expect(expected[row.rateCode] == row.price)
            #expect(!row.endRange.hasSuffix("\r"))
        }
    }

    @Test func reimportReplacesTheEarlierImport() throws {
        let dir = TempDir()
        let catalog = try dir.catalog()
        let importer = PriceListImporter(catalog: catalog)
        _ = try importer.importFile(Fixtures.priceList("AmazonS3-eu-west-2.csv"))
        let once = try snapshot(catalog)
        let second = try importer.importFile(Fixtures.priceList("AmazonS3-eu-west-2.csv"))
        #expect(second.replacedRows == second.rows)
        #expect(try catalog.db.scalarInt("SELECT COUNT(*) FROM sources WHERE kind = 'price-list'") == 1)
        #expect(try snapshot(catalog).split(separator: "|").prefix(2) == once.split(separator: "|").prefix(2))
    }
}

/// Bad price-list input: `path:line: error:`, exit 65, and the catalog as it was.
@Suite struct ImporterBadInputTests {
    let rds = readText(Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv"))
    var lines: [String] { rds.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    func expectFailure(_ text: String, line: Int?, contains message: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let dir = TempDir()
        let path = dir.write("bad.csv", text)
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AmazonS3-eu-west-2.csv"))
        let before = try snapshot(catalog)
        let error = try #require(importError(catalog, path), sourceLocation: sourceLocation)
        #expect(error.status == .dataError, sourceLocation: sourceLocation)
        let expectedPrefix = line.map { "\(path):\($0): error: " } ?? "\(path)"
        #expect(error.description.hasPrefix(expectedPrefix), "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.contains(message), "\(error)", sourceLocation: sourceLocation)
        #expect(try snapshot(catalog) == before, sourceLocation: sourceLocation)
    }

    @Test func truncatedMidRow() throws {
        // Cut after the fifth field: a well-formed but short last row.
        let cut = lines[12].components(separatedBy: "\",\"").prefix(5).joined(separator: "\",\"") + "\""
        let text = lines[0..<12].joined(separator: "\n") + "\n" + cut
        try expectFailure(text, line: 13, contains: "row has 5 fields but the header (line 6) has 57")
    }

    @Test func truncatedInsideQuotes() throws {
        let text = lines[0..<12].joined(separator: "\n") + "\n" + lines[12].prefix(45)
        try expectFailure(text, line: 13, contains: "never closed")
    }

    @Test func raggedRow() throws {
        var l = lines
        l[8] += ",\"extra\""
        try expectFailure(l.joined(separator: "\n"), line: 9, contains: "row has 58 fields but the header (line 6) has 57")
    }

    @Test func missingRequiredColumn() throws {
        let l = lines.map { $0.replacingOccurrences(of: "\"PricePerUnit\"", with: "\"Price\"") }
        try expectFailure(l.joined(separator: "\n"), line: 6, contains: "no \"PricePerUnit\" column")
    }

    @Test func nonNumericPrice() throws {
        let l = lines.map { $0.replacingOccurrences(of: "\"0.0720000000\"", with: "\"0.07 USD\"") }
        try expectFailure(l.joined(separator: "\n"), line: 9, contains: "is not a price")
    }

    @Test func badRange() throws {
        let l = lines.map {
            $0.replacingOccurrences(
                of: "\"0\",\"Inf\",\"Hrs\",\"0.0720000000\"", with: "\"zero\",\"Inf\",\"Hrs\",\"0.0720000000\"")
        }
        try expectFailure(l.joined(separator: "\n"), line: 9, contains: "is not a number or Inf")
    }

    @Test func tierStartingAboveItsEnd() throws {
        let l = lines.map {
            $0.replacingOccurrences(
                of: "\"0\",\"Inf\",\"Hrs\",\"0.0720000000\"", with: "\"Inf\",\"750\",\"Hrs\",\"0.0720000000\"")
        }
        try expectFailure(
            l.joined(separator: "\n"), line: 9, contains: "tier starts above its end: \"StartingRange\" Inf > \"EndingRange\" 750"
        )
    }

    @Test func allRowErrorsOfAFileAreReportedTogether() throws {
        var l = lines
        l[6] = l[6].replacingOccurrences(of: "\"0.0180000000\"", with: "\"abc\"")
        l[10] += ",\"x\""
        let dir = TempDir()
        let path = dir.write("bad.csv", l.joined(separator: "\n"))
        let error = try #require(importError(try dir.catalog(), path))
        #expect(error.diagnostics.map(\.line) == [7, 11])
    }

    @Test func wrongPreamble() throws {
        let l = lines.enumerated().map { $0.offset == 2 ? "\"Published\",\"2026-09-04T17:27:16Z\"" : $0.element }
        try expectFailure(l.joined(separator: "\n"), line: 3, contains: "should be \"Publication Date\"")
    }

    @Test func headerOnly() throws {
        try expectFailure(lines[0..<6].joined(separator: "\n") + "\n", line: 6, contains: "no price rows")
    }

    @Test func emptyFile() throws {
        try expectFailure("", line: 1, contains: "empty file")
    }

    @Test func quoteInsideUnquotedField() throws {
        var l = lines
        l[7] = l[7].replacingOccurrences(of: "\"Hrs\"", with: "\"Hr\"s\"")
        try expectFailure(l.joined(separator: "\n"), line: 8, contains: "malformed CSV quoting")
    }

    @Test func binaryGarbage() throws {
        let dir = TempDir()
        var bytes = Array(lines[0..<7].joined(separator: "\n").utf8)
        bytes += [10, 0, 1, 2, 0xff, 0xfe, 44, 10]
        let path = dir.write("garbage.csv", bytes: bytes)
        let error = try #require(importError(try dir.catalog(), path))
        #expect(error.description.contains("\(path):8: error: NUL byte"), "\(error)")
    }

    @Test func notUTF8() throws {
        let dir = TempDir()
        var bytes = Array(lines[0..<7].joined(separator: "\n").utf8)
        bytes += Array(("\n" + lines[7]).utf8).map { $0 == UInt8(ascii: "$") ? 0xA3 : $0 }  // Latin-1 pound sign
        let path = dir.write("latin1.csv", bytes: bytes)
        let error = try #require(importError(try dir.catalog(), path))
        #expect(error.description.contains("\(path):8: error: text is not valid UTF-8"), "\(error)")
    }

    @Test func gzipData() throws {
        let dir = TempDir()
        let path = dir.write("index.csv.gz", bytes: [0x1f, 0x8b, 8, 0, 0, 0, 0, 0])
        let error = try #require(importError(try dir.catalog(), path))
        #expect(error.description.contains("gzip"))
    }

    @Test func missingFileIsNoInput() throws {
        let dir = TempDir()
        let error = try #require(importError(try dir.catalog(), dir.file("nope.csv")))
        #expect(error.status == .noInput)
        #expect(error.description == "\(dir.file("nope.csv")): error: no such file\n  hint: check the path")
    }

    /// Names of the catalog's indexes and its journal mode.
    func indexesAndJournal(_ catalog: Catalog) throws -> String {
        let indexes = try catalog.db.scalarText(
            "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name)")
        return "\(indexes ?? "") \(try catalog.db.scalarText("PRAGMA journal_mode") ?? "")"
    }

    @Test func aBulkImportRebuildsTheLookupIndexesAndReplacesAsAnyImport() throws {
        let dir = TempDir()
        let path = dir.file("large.csv")
        try writeLargePriceList(to: path, megabytes: 18)  // above the 16 MiB bulk threshold
        let expectedRows = readText(path).split(separator: "\n").count - 6
        let catalog = try dir.catalog()
        let schema = try indexesAndJournal(catalog)
        #expect(
            schema
                == "prices_product,products_key,products_lookup,sqlite_autoindex_meta_1,sqlite_autoindex_price_keys_1 wal"
        )
        let first = try PriceListImporter(catalog: catalog).importFile(path)
        #expect(first.rows == expectedRows)
        #expect(try indexesAndJournal(catalog) == schema)
        do {
            let lookup = try catalog.db.prepare(
                "EXPLAIN QUERY PLAN SELECT id FROM products WHERE service = 'AmazonRDS' AND region = 'eu-west-2' AND usage_type_base = 'RDS:ProxyUsage'"
            )
            var details: [String] = []
            while try lookup.step() { details.append(lookup.text(3) ?? "") }
            #expect(details.contains { $0.contains("INDEX products_lookup") }, "\(details)")
        }
        // The rebuilt index finds what a scan of the table finds (one product per 11 generated rows).
        let lookupBy = "service = 'AmazonRDS' AND region = 'eu-west-2' AND usage_type_base = 'InstanceUsage:db.t4g.micro'"
        let indexed = try catalog.db.scalarInt("SELECT COUNT(*) FROM products INDEXED BY products_lookup WHERE \(lookupBy)")
        #expect(indexed == Int64(first.rows / 11))
        #expect(try catalog.db.scalarInt("SELECT COUNT(*) FROM products NOT INDEXED WHERE \(lookupBy)") == indexed)
        #expect(first.products == first.rows / 11)
        // The same file again: bulk again (it is as large as the catalog), and it replaces the first.
        let again = try PriceListImporter(catalog: catalog).importFile(path)
        #expect(again.replacedRows == first.rows)
        #expect(try catalog.db.scalarInt("SELECT COUNT(*) FROM prices WHERE term_type != 'Sheet'") == Int64(first.rows))
        #expect(try indexesAndJournal(catalog) == schema)
    }

    @Test func aSchema3CatalogMigrates() throws {
        let dir = TempDir()
        let path = dir.file("catalog.sqlite")
        do {
            let catalog = try dir.catalog()
            _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AWSELB-us-east-1.csv"))
            // Back to schema 3: its products table and indexes, and the base usage type it gave
            // TS-LoadBalancerUsage.
            try catalog.db.execute(
                """
                CREATE TABLE products_v3 (
                    id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id), product_key TEXT NOT NULL,
                    sku TEXT NOT NULL, service TEXT NOT NULL, region TEXT NOT NULL, product_family TEXT, usage_type TEXT,
                    usage_type_base TEXT, operation TEXT, attributes TEXT NOT NULL, UNIQUE (source_id, product_key));
                INSERT INTO products_v3 SELECT * FROM products;
                DROP TABLE products;
                ALTER TABLE products_v3 RENAME TO products;
                CREATE INDEX products_lookup ON products (service, region, usage_type_base);
                CREATE INDEX products_source ON products (source_id);
                CREATE INDEX products_key ON products (product_key, region);
                CREATE INDEX products_usage ON products (usage_type_base, region);
                UPDATE products SET usage_type_base = 'LoadBalancerUsage' WHERE usage_type = 'TS-LoadBalancerUsage';
                PRAGMA user_version = 3;
                """)
        }
        let catalog = try Catalog(path: path)
        #expect(try catalog.db.scalarInt("PRAGMA user_version") == Int64(Catalog.schemaVersion))
        #expect(
            try catalog.db.scalarText(
                "SELECT group_concat(name || ' ' || sql, '; ') FROM (SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'products_%' ORDER BY name)"
            )
                == "products_key CREATE INDEX products_key ON products (product_key, region) WHERE usage_type IS NULL; products_lookup CREATE INDEX products_lookup ON products (usage_type_base, region, service)"
        )
        #expect(try catalog.db.scalarInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_autoindex_products_1'") == 0)
        #expect(
            try catalog.db.scalarInt(
                "SELECT COUNT(*) FROM products p JOIN sources s ON s.id = p.source_id WHERE s.kind = 'price-list'") == 14)
        let hours = try queryAll(catalog, CatalogFilter(service: "AWSELB", region: "us-east-1", usageType: "LoadBalancerUsage"))
        #expect(hours.filter { $0.termType != "Sheet" }.count == 4)
        #expect(
            try catalog.db.scalarText("SELECT usage_type_base FROM products WHERE usage_type = 'TS-LoadBalancerUsage'")
                == "TS-LoadBalancerUsage")
        #expect(
            try catalog.db.scalarText("SELECT usage_type_base FROM products WHERE usage_type = 'LCUUsage' LIMIT 1") == "LCUUsage")
    }

    @Test(arguments: [2, 18])
    func aSKUWhoseRowsAreNotAdjacentIsOneProduct(megabytes: Int) throws {
        // 18 MB is imported in bulk (duplicates merged at the end), 2 MB row by row.
        let dir = TempDir()
        let path = dir.file("large.csv")
        // The first generated product's OnDemand row again at the end, under another rate code.
        let first = lines[6].replacingOccurrences(of: "ATYF9R3XTURNBSMZ", with: "GEN0000000000001")
            .replacingOccurrences(of: ".6YS6EN2CT7", with: ".LATEROW123")
        try writeLargePriceList(to: path, megabytes: megabytes, lastLine: first)
        let catalog = try dir.catalog()
        let s = try PriceListImporter(catalog: catalog).importFile(path)
        #expect(s.products == (s.rows - 1) / 11)
        let sku = try catalog.db.scalarText(
            "SELECT group_concat(DISTINCT p.id) || ' ' || COUNT(*) FROM prices pr JOIN products p ON p.id = pr.product_id WHERE p.sku = 'GEN0000000000001'"
        )
        let firstID = try catalog.db.scalarInt("SELECT MIN(id) FROM products WHERE sku = 'GEN0000000000001'")
        #expect(sku == "\(firstID) 12")
        #expect(try catalog.db.scalarInt("SELECT COUNT(*) FROM products WHERE sku = 'GEN0000000000001'") == 1)
    }

    @Test func aFailedBulkImportLeavesTheCatalogItsIndexesAndItsJournalMode() throws {
        let dir = TempDir()
        let path = dir.file("large.csv")
        try writeLargePriceList(to: path, megabytes: 18, lastLine: "\"BROKEN\",\"x\"")
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv"))
        let before = try snapshot(catalog)
        let schema = try indexesAndJournal(catalog)
        let error = try #require(importError(catalog, path))
        #expect(error.description.contains("row has 2 fields"))
        #expect(try snapshot(catalog) == before)
        #expect(try indexesAndJournal(catalog) == schema)
        #expect(try snapshot(try Catalog(path: dir.file("catalog.sqlite"))) == before)
    }

    @Test func failureHalfWayThroughALargeFileLeavesTheCatalogExactlyAsBefore() throws {
        let dir = TempDir()
        let path = dir.file("large.csv")
        // ~8 MB of valid rows, then one bad row at the very end: everything before it was
        // already inserted inside the transaction and must be rolled back.
        try writeLargePriceList(to: path, megabytes: 8, lastLine: "\"BROKEN\",\"x\"")
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv"))
        let before = try snapshot(catalog)
        let error = try #require(importError(catalog, path))
        #expect(error.description.contains("row has 2 fields"))
        #expect(try snapshot(catalog) == before)
        // and the catalog still opens and answers
        let reopened = try Catalog(path: dir.file("catalog.sqlite"))
        #expect(try snapshot(reopened) == before)
    }
}

/// The parsing thread's set of product-key hashes, which lets an import skip the duplicate check.
@Suite struct KeyHashSetTests {
    func insert(_ set: inout KeyHashSet, _ key: String) {
        Array(key.utf8).withUnsafeBytes { set.insert($0) }
    }

    @Test func distinctKeysDoNotRepeatThroughGrowth() {
        var set = KeyHashSet()
        for i in 0..<100_000 { insert(&set, "SKU\(i)") }
        #expect(!set.mayRepeat)
        insert(&set, "SKU77")
        #expect(set.mayRepeat)
    }

    @Test func moreKeysThanTheSetHoldsGiveUp() {
        var set = KeyHashSet()
        for i in 0..<(KeyHashSet.maxSlots * 3 / 4 + 1) { insert(&set, "K\(i)") }
        #expect(set.mayRepeat)
    }
}
