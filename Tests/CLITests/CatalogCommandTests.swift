import CostModel
import Foundation
import Pricing
import TestSupport
import Testing

/// The real binary: output shapes, messages and exit codes.
@Suite struct CatalogCommandTests {
    @Test func versionAndHelp() throws {
        let (status, out, _) = try runTool(["--version"])
        #expect(status == 0)
        #expect(out == "0.1.0\n")
        let (_, help, _) = try runTool(["catalog", "import", "--help"])
        #expect(help.contains("orcha-cost catalog import index.csv"))
    }

    @Test func importThenQueryAsJSON() throws {
        let dir = TempDir()
        let catalog = dir.file("c.sqlite")
        let rds = Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv")
        let (status, out, err) = try runTool(["catalog", "import", "--catalog", catalog, rds])
        #expect(status == 0, "\(err)")
        #expect(
            out.hasPrefix(
                "imported \(rds): AmazonRDS version 20260904172716 (published 2026-09-04T17:27:16Z), 11 price rows, 9 products, regions eu-west-2"
            ))
        #expect(err.isEmpty, "no progress bar when stderr is not a terminal: \(err)")

        let (qs, json, _) = try runTool([
            "catalog", "query", "--catalog", catalog, "--service", "amazonrds", "--region", "eu-west-2",
            "--filter", "Instance Type=db.t4g.micro", "--format", "json",
        ])
        #expect(qs == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 4)
        let fields: Set<String> = [
            "sku", "service", "region", "usage_type", "description", "unit", "price", "begin_range",
            "end_range", "term_type", "effective_date", "source", "attributes",
        ]
        for row in rows { #expect(fields.isSubset(of: Set(row.keys))) }
        let single = try #require(
            rows.first {
                $0["usage_type"] as? String == "EUW2-InstanceUsage:db.t4g.micro" && $0["term_type"] as? String == "OnDemand"
            })
        #expect(single["sku"] as? String == "ATYF9R3XTURNBSMZ")
        #expect(single["price"] as? String == "0.0180000000")
        #expect(single["effective_date"] as? String == "2026-09-01")
        #expect(single["source"] as? String == "AWS Price List AmazonRDS version 20260904172716 (\(rds))")
        #expect((single["attributes"] as? [String: String])?["Deployment Option"] == "Single-AZ")
        let fee = try #require(rows.first { $0["unit"] as? String == "Quantity" })
        #expect(fee["price"] as? String == "112")
        #expect(fee["begin_range"] is NSNull)

        let (_, csv, _) = try runTool([
            "catalog", "query", "--catalog", catalog, "--usage-type", "RDS:ProxyUsage", "--region", "eu-west-2", "--format",
            "csv",
        ])
        let csvLines = csv.split(separator: "\r\n")
        #expect(csvLines.count == 2)
        #expect(csvLines[0].hasPrefix("sku,price_key,service,region,usage_type"))
        #expect(csvLines[1].contains(",0.0170000000,0,Inf,OnDemand,"))
    }

    @Test func sheetsLoadAutomaticallyAndSayWhereEachPriceComesFrom() throws {
        let dir = TempDir()
        let (status, out, _) = try runTool([
            "catalog", "price", "ec2.nat_gateway.hour", "--region", "eu-central-1",
            "--catalog", dir.file("c.sqlite"),
        ])
        #expect(status == 0)
        #expect(out.hasPrefix("ec2.nat_gateway.hour in eu-central-1: AmazonEC2, per hour\n  0.052 USD per hour\n"))
        #expect(out.contains("source: "))
        let (ls, list, _) = try runTool(["catalog", "list", "--catalog", dir.file("c.sqlite")])
        #expect(ls == 0)
        #expect(list.contains("pricing/aws/eu-central-1.csv"))
    }

    @Test func exitCodes() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let (missing, _, missingErr) = try runTool(["catalog", "import"] + c + [dir.file("nope.csv")])
        #expect(missing == 66)
        #expect(missingErr.hasPrefix("\(dir.file("nope.csv")): error: no such file"))

        let json = Fixtures.priceList("aws-service-index.head.json.txt")
        let (bad, _, badErr) = try runTool(["catalog", "import"] + c + [json])
        #expect(bad == 65)
        #expect(badErr.contains("\(json):2: error: this is a JSON file"), "\(badErr)")
        #expect(!badErr.contains("Fatal error") && !badErr.contains("Stack"))

        let (usage, _, usageErr) = try runTool(["catalog", "query"] + c + ["--filter", "novalue"])
        #expect(usage == 64)
        #expect(usageErr.contains("must be ATTR=VALUE"))

        let (attr, _, attrErr) = try runTool(["catalog", "query"] + c + ["--filter", "term_typ=OnDemand"])
        #expect(attr == 64)
        #expect(attrErr.contains("did you mean 'termtype'?") || attrErr.contains("did you mean"), "\(attrErr)")

        let (key, _, keyErr) = try runTool(["catalog", "price", "ec2.nat_gateway.hours"] + c)
        #expect(key == 65)
        #expect(
            keyErr.contains("no price key 'ec2.nat_gateway.hours' in the key registry. did you mean 'ec2.nat_gateway.hour'?"),
            "\(keyErr)")
        #expect(keyErr.contains("hint: price keys are defined in pricing/keys.csv"))

        let (unknown, _, _) = try runTool(["catalog", "frobnicate"] + c)
        #expect(unknown == 64)
    }

    @Test func oneBadFileDoesNotStopTheOthers() throws {
        let dir = TempDir()
        let c = ["--catalog", dir.file("c.sqlite")]
        let (status, out, err) = try runTool(
            ["catalog", "import"] + c + [Fixtures.priceList("SOURCES.md"), Fixtures.priceList("AmazonS3-eu-west-2.csv")])
        #expect(status == 65)
        #expect(out.contains("imported \(Fixtures.priceList("AmazonS3-eu-west-2.csv"))"))
        #expect(err.contains("SOURCES.md: nothing imported from this file"))
    }

    @Test func unusableCatalogFileGetsAClearMessage() throws {
        let dir = TempDir()
        let path = dir.write("c.sqlite", String(repeating: "not a database ", count: 100))
        let (status, _, err) = try runTool(["catalog", "list", "--catalog", path])
        #expect(status == 65)
        #expect(err.contains("\(path): error: not a usable catalog"), "\(err)")
    }
}

/// Killing an import at any point leaves the previous catalog, and it still opens.
@Suite(.serialized) struct CrashSafetyTests {
    @Test(arguments: [0.15, 0.4, 0.9])
    func sigkillDuringImportLeavesThePreviousCatalog(after seconds: Double) throws {
        let dir = TempDir()
        let catalogPath = dir.file("c.sqlite")
        let big = dir.file("big.csv")
        try writeLargePriceList(to: big, megabytes: 40)
        let (s0, _, e0) = try runTool([
            "catalog", "import", "--catalog", catalogPath, Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv"),
        ])
        #expect(s0 == 0, "\(e0)")
        let before = try snapshot(try Catalog(path: catalogPath))

        let landed = try runToolKilled(["catalog", "import", "--quiet", "--catalog", catalogPath, big], after: seconds)
        #expect(landed, "the import finished before the kill; make the file larger")

        let after = try snapshot(try Catalog(path: catalogPath))
        #expect(after == before)
        let (status, out, _) = try runTool(["catalog", "query", "--catalog", catalogPath, "--usage-type", "RDS:ProxyUsage"])
        #expect(status == 0)
        #expect(out.contains("0.0170000000"))
    }

    @Test func twoImportsAndAPlanAtOnce() throws {
        let dir = TempDir()
        let catalogPath = dir.file("c.sqlite")
        let a = dir.file("a.csv")
        let b = dir.file("b.csv")
        try writeLargePriceList(to: a, megabytes: 6, region: "eu-west-2")
        try writeLargePriceList(to: b, megabytes: 6, region: "eu-central-1")
        _ = try runTool(["catalog", "list", "--catalog", catalogPath])
        var procs: [Process] = []
        for file in [a, b] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Fixtures.binary)
            p.arguments = ["catalog", "import", "--quiet", "--catalog", catalogPath, file]
            p.environment = ["ORCHA_COST_PRICING": Fixtures.pricing]
            try p.run()
            procs.append(p)
        }
        let (qs, _, _) = try runTool(["catalog", "list", "--catalog", catalogPath])
        let (ps, plan, planErr) = try runTool(["plan", "--catalog", catalogPath], cwd: Fixtures.root)
        for p in procs { p.waitUntilExit() }
        #expect(procs.map(\.terminationStatus) == [0, 0])
        #expect(qs == 0)
        #expect(ps == 0, "\(planErr)")
        #expect(plan.contains("total 128.06"), "a plan during imports reads a consistent catalog")
        let catalog = try Catalog(path: catalogPath)
        #expect(try catalog.db.scalarText("PRAGMA integrity_check") == "ok")
        #expect(
            try catalog.db.scalarInt(
                "SELECT COUNT(DISTINCT region) FROM products p JOIN sources s ON s.id = p.source_id WHERE s.kind = 'price-list'")
                == 2)
    }
}

/// Inputs that cannot seek: a named pipe and bash's `<(...)` are read front to back.
@Suite struct PipeInputTests {
    @Test func namedPipeAndProcessSubstitutionImport() throws {
        let dir = TempDir()
        let catalog = dir.file("c.sqlite")
        let rds = Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv")
        let s3 = Fixtures.priceList("AmazonS3-eu-west-2.csv")
        let script = """
            set -e
            mkfifo "$DIR/rds.fifo"
            cat "$RDS" > "$DIR/rds.fifo" &
            "$BIN" catalog import --catalog "$DIR/c.sqlite" "$DIR/rds.fifo"
            "$BIN" catalog import --catalog "$DIR/c.sqlite" <(cat "$S3")
            """
        let (status, out, err) = try runProgram(
            "/bin/bash", ["-c", script],
            environment: [
                "DIR": dir.path, "RDS": rds, "S3": s3, "BIN": Fixtures.binary, "ORCHA_COST_PRICING": Fixtures.pricing,
            ])
        #expect(status == 0, "\(err)")
        #expect(!err.contains("Illegal seek"))
        #expect(out.contains("imported \(dir.file("rds.fifo")): AmazonRDS version 20260904172716"))
        #expect(out.contains("11 price rows, 9 products, regions eu-west-2"))
        #expect(out.contains(": AmazonS3 version 20260831092225 (published 2026-08-31T09:22:25Z), 10 price rows, 8 products"))
        let c = try Catalog(path: catalog)
        #expect(try c.db.scalarInt("SELECT SUM(rows) FROM sources WHERE kind = 'price-list'") == 21)
        #expect(try c.db.scalarInt("SELECT bytes FROM sources WHERE offer_code = 'AmazonRDS'") == 0)
    }

    @Test func gzipOnAPipeIsStillRecognised() throws {
        let dir = TempDir()
        let script = """
            "$BIN" catalog import --catalog "$DIR/c.sqlite" <(gzip -c "$S3")
            """
        let (status, _, err) = try runProgram(
            "/bin/bash", ["-c", script],
            environment: [
                "DIR": dir.path, "S3": Fixtures.priceList("AmazonS3-eu-west-2.csv"), "BIN": Fixtures.binary,
                "ORCHA_COST_PRICING": Fixtures.pricing,
            ])
        #expect(status == 65)
        #expect(err.contains(":1: error: gzip-compressed data, not a CSV"), "\(err)")
    }
}
