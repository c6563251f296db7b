import CostModel
import Foundation
import TestSupport
import Testing

@testable import Billing

/// Actual spend from bills: the same line items written by hand in the legacy CUR, CUR 2.0 and
/// FOCUS column layouts (Tests/Fixtures/bills) must give the same totals.
@Suite struct BillTests {
    static let bills = Fixtures.root + "/Tests/Fixtures/bills/"
    static let orcha = Fixtures.root + "/scenarios/orcha.yaml"

    func load(_ names: String...) throws -> Actuals {
        var a = Actuals()
        for n in names { try a.load(path: n.hasPrefix("/") ? n : BillTests.bills + n) }
        return a
    }

    func error(_ text: String, name: String = "bill.csv") -> String? {
        error(bytes: Array(text.utf8), name: name)
    }

    func error(bytes: [UInt8], name: String = "bill.csv") -> String? {
        let dir = TempDir()
        let path = dir.write(name, bytes: bytes)
        var a = Actuals()
        do {
            try a.load(path: path)
            return nil
        } catch let e as UserError {
            #expect(e.status == .dataError)
            #expect(a.months.isEmpty)
            return e.description.replacingOccurrences(of: path, with: name)
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [("cur-legacy.csv", Actuals.Format.curLegacy), ("cur2.csv", .cur2), ("focus.csv", .focus)])
    func sameMonthlyTotalsInEveryLayout(file: String, format: Actuals.Format) throws {
        let a = try load(file)
        #expect(a.files.map(\.format) == [format])
        #expect(a.files.map(\.rows) == [11])
        #expect(a.months == ["2026-10", "2026-11"])
        // 28.5696 + 1.904 + 20.088 + 55.056 + 0.00000032 + 1.2345678901 + 1.00 - 5.00 (credit)
        #expect(a.total(month: "2026-10").micros == 102_852_168)
        #expect(a.total(month: "2026-11").micros == 46_838_400)  // 12.9024 + 24.864 + 9.072
        #expect(a.total(month: "2026-10", service: "AmazonEC2").micros == 25_473_600)
        #expect(a.total(month: "2026-10", service: "AWSQueueService").micros == 0)  // 3.2E-7 rounds away
        #expect(
            a.services(month: "2026-10") == [
                "AWSELB", "AWSQueueService", "AmazonCloudWatch", "AmazonEC2", "AmazonRDS", "AmazonS3",
            ])
        #expect(a.lastDay == ["2026-10": 31, "2026-11": 14])
    }

    @Test func amountsExactlyWithSignsAndExponents() {
        func amount(_ s: String) -> Int128? {
            var copy = s
            return copy.withUTF8 { Actuals.amount(UnsafeRawBufferPointer($0)) }
        }
        #expect(amount("28.5696") == 285_696_000_000)
        #expect(amount("-5.00") == -50_000_000_000)
        #expect(amount("3.2E-7") == 3_200)
        #expect(amount("1.5e2") == 1_500_000_000_000)
        #expect(amount("0.00000000005") == 1)  // half away from zero at the tenth decimal
        #expect(amount("-0.00000000004") == 0)
        #expect(amount("+7") == 70_000_000_000)
        for bad in ["", "-", "1.2.3", "1,5", "abc", "1e", "1E+", "NaN", "Inf", " 1"] { #expect(amount(bad) == nil, "\(bad)") }
    }

    @Test func badBillsAreRefusedWhole() {
        let head = "BilledCost,ChargePeriodStart,ServiceName,BillingCurrency\n"
        #expect(
            error(head + "1.5,2026-10-01,AWS WAF,USD\n2..5,2026-10-02,AWS WAF,USD\n")
                == "bill.csv:3: error: column \"BilledCost\": \"2..5\" is not an amount\n  hint: amounts are decimals such as 0.0384, -1.5 or 1.2E-7"
        )
        #expect(
            error(head + "1.5,2026-10-01,AWS WAF,EUR\n")?.hasPrefix(
                "bill.csv:2: error: column \"BillingCurrency\": bill currency EUR, the scenario is in USD") == true)
        #expect(
            error(head + "1.5,2026-10-01,AWS WAF,USD\n1,2026-10-02,AWS WAF,EUR\n")?.hasPrefix(
                "bill.csv:3: error: column \"BillingCurrency\": currency changes from USD to EUR") == true)
        #expect(
            error(head + "1.5,10/01/2026,AWS WAF,USD\n")?.hasPrefix(
                "bill.csv:2: error: column \"ChargePeriodStart\": \"10/01/2026\" is not a date") == true)
        #expect(
            error(head + "1.5,2026-13-01,AWS WAF,USD\n")?.hasPrefix("bill.csv:2: error: column \"ChargePeriodStart\"") == true)
        #expect(
            error(head + "1.5,2026-10-01,AWS WAF\n")?.hasPrefix("bill.csv:2: error: row has 3 fields, the header has 4") == true)
        #expect(
            error("BilledCost,ServiceName,BillingCurrency\n1,AWS WAF,USD\n")?.hasPrefix(
                "bill.csv:1: error: FOCUS file without column ChargePeriodStart") == true)
        #expect(error("a,b\n1,2\n")?.hasPrefix("bill.csv:1: error: not a bill") == true)
        #expect(error("")?.hasPrefix("bill.csv: error: the file is empty") == true)
        #expect(
            error(bytes: [0x1f, 0x8b, 0x08, 0], name: "bill.csv.gz")?.hasPrefix(
                "bill.csv.gz: error: the gzip file is truncated: it ends before its compressed data does") == true)
    }

    /// Genuine rows of the FinOps Foundation's FOCUS sample data (AWS, Microsoft and Oracle in
    /// one file, NULLs, `2024-09-01 00:00:00` timestamps): only the AWS rows count, each
    /// service under its offer code; the name without one is kept and reported.
    @Test func theFinOpsFoundationsFOCUSSample() throws {
        let a = try load("focus-sample-finops.csv")
        let f = a.files[0]
        #expect(f.rows == 15)
        #expect(f.skipped == ["Microsoft": 3, "Oracle": 2])
        #expect(f.skippedNote == "5 rows of other providers skipped (Microsoft 3, Oracle 2)")
        #expect(f.unknownServices == ["Red Hat OpenShift Service on AWS"])
        #expect(a.months == ["2024-09"])
        #expect(f.total == 4_603_394_025)  // 0.4603394025 USD; the Microsoft and Oracle rows add 0.02402604
        let e10 = try #require(a.cost["2024-09"])
        #expect(
            e10 == [
                "AWSELB": 160_599, "AWSLambda": 23_771_381, "AWSQueueService": 8_000, "AmazonStates": 30,
                "AWSSystemsManager": 50_000, "AmazonCloudWatch": 300_000, "AmazonDynamoDB": 42_500, "AmazonEC2": 14_916_666,
                "AmazonECR": 529_762, "AmazonEFS": 79_726_198, "AmazonEKS": 1_000_000_000, "AmazonVPC": 50_000_000,
                "Red Hat OpenShift Service on AWS": 3_420_000_000, "awskms": 13_888_889,
            ])
        #expect(a.total(month: "2024-09").micros == 460_339)
        #expect(a.total(month: "2024-09", service: "AmazonEKS").micros == 100_000)
        // NULL tags are no tags; NULL regions are none.
        #expect(a.lines.keys.filter { $0.service == "AWSQueueService" }.map(\.tags) == ["{}"])
        #expect(a.lines.keys.contains { $0.service == "AmazonEKS" && $0.region == "us-east-2" })
    }

    /// Implausible dates, duplicate columns and sums beyond the largest amount are refused with
    /// the row (and column); the same file through the data store is refused the same way.
    @Test func oddBillDataIsRefused() throws {
        let head = "BilledCost,ChargePeriodStart,ServiceName,BillingCurrency\n"
        #expect(
            error(head + "1.5,2026-10-01,AWS WAF,USD\n1,9999-12-01T00:00:00Z,AWS WAF,USD\n")?.hasPrefix(
                "bill.csv:3: error: column \"ChargePeriodStart\": \"9999-12-01T00:00:00Z\" is after ") == true)
        #expect(
            error(head + "1.5,0001-01-01 00:00:00,AWS WAF,USD\n")?.hasPrefix(
                "bill.csv:2: error: column \"ChargePeriodStart\": \"0001-01-01 00:00:00\" is before 2006-01-01") == true)
        #expect(
            error(head + "1.5,2005-12-31,AWS WAF,USD\n")?.hasPrefix("bill.csv:2: error: column \"ChargePeriodStart\"") == true)
        #expect(error(head + "1.5,2006-01-01,AWS WAF,USD\n") == nil)
        #expect(
            error("BilledCost,ChargePeriodStart,ServiceName,BillingCurrency,ServiceName\n1,2026-10-01,AWS WAF,USD,AWS Lambda\n")?
                .hasPrefix("bill.csv:1:5: error: column \"ServiceName\" appears 2 times (fields 3, 5)") == true)
        // 922,337,203.6854775807 USD of charges and credits in a month fit; a ten-billionth more does not.
        let most = "922337203.6854775807"
        #expect(error(head + "\(most),2026-10-01,AWS WAF,USD\n") == nil)
        let over =
            "bill.csv:3:1: error: column \"BilledCost\": the charges and credits of 2026-10 add up to more than 922,337,203.68 USD, which exceeds the largest amount orcha-cost can represent"
        #expect(error(head + "\(most),2026-10-01,AWS WAF,USD\n-0.0000000001,2026-10-02,AWS WAF,USD\n")?.hasPrefix(over) == true)
        #expect(error(head + "900000000,2026-10-01,AWS WAF,USD\n-900000000,2026-10-02,AWS WAF,USD\n")?.hasPrefix(over) == true)
        // Two files whose months add up past it: the second is refused.
        let dir = TempDir()
        var a = Actuals()
        try a.load(path: dir.write("a.csv", head + "900000000,2026-10-01,AWS WAF,USD\n"))
        #expect(throws: UserError.self) { try a.load(path: dir.write("b.csv", head + "-900000000,2026-10-02,AWS WAF,USD\n")) }
        #expect(a.total(month: "2026-10").micros == 900_000_000_000_000)
    }

    @Test(arguments: ["cur-legacy.csv", "cur2.csv", "focus.csv"])
    func gzippedBillsGiveTheSameTotals(file: String) throws {
        let plain = try load(file)
        let gzipped = try load(file + ".gz")
        #expect(gzipped.files.map(\.rows) == [11])
        for month in ["2026-10", "2026-11"] {
            #expect(gzipped.total(month: month) == plain.total(month: month))
            for service in plain.services(month: month) {
                #expect(gzipped.total(month: month, service: service) == plain.total(month: month, service: service))
            }
        }
        #expect(gzipped.total(month: "2026-10").micros == 102_852_168)
        #expect(gzipped.lastDay == plain.lastDay)
    }

    @Test func concatenatedGzipMembersAreOneFile() throws {
        // `cat a.gz b.gz`: the header and first rows in one member, the other rows in the next.
        let text = readText(BillTests.bills + "focus.csv")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let head = lines[0..<6].joined(separator: "\n") + "\n"
        let rest = lines[6...].joined(separator: "\n")
        #expect(head + rest == text)
        let dir = TempDir()
        let path = dir.write("two-members.csv.gz", bytes: try gzip(Array(head.utf8)) + gzip(Array(rest.utf8)))
        var bills = Actuals()
        try bills.load(path: path)
        #expect(bills.files.map(\.rows) == [11])
        #expect(bills.total(month: "2026-10").micros == 102_852_168)
        #expect(bills.total(month: "2026-11").micros == 46_838_400)
    }

    @Test func truncatedOrCorruptGzipLoadsNothing() throws {
        let whole = try #require(FileManager.default.contents(atPath: BillTests.bills + "cur2.csv.gz"))
        let bytes = [UInt8](whole)
        #expect(
            error(bytes: Array(bytes.prefix(bytes.count - 8)), name: "cur.csv.gz")
                == "cur.csv.gz: error: the gzip file is truncated: it ends before its compressed data does\n"
                + "  hint: the download or copy was cut; fetch the file again (gzip -t cur.csv.gz checks a file)")
        var flipped = bytes
        flipped[bytes.count - 6] ^= 0xff  // the CRC-32 of the uncompressed data
        #expect(
            error(bytes: flipped, name: "cur.csv.gz")?.hasPrefix(
                "cur.csv.gz: error: the gzip data is corrupt (incorrect data check)") == true)
    }

    @Test func aBillGivenTwiceIsRefused() throws {
        var a = try load("focus.csv")
        #expect(throws: UserError.self) { try a.load(path: BillTests.bills + "focus.csv") }
        #expect(a.total(month: "2026-10").micros == 102_852_168)
    }
}
