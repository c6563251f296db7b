import CostModel
import Foundation
import Pricing
import TestSupport
import Testing

/// `Tests/Tools/price_list_server.py serve`: the AWS Price List URL layout built from the genuine
/// excerpts, on 127.0.0.1 (port 0), for a bounded time. Stopped on deinit.
final class PriceListServer {
    static let script = Fixtures.root + "/Tests/Tools/price_list_server.py"
    let process = Process()
    let port: Int
    let log: String
    let root: String

    init(_ dir: TempDir, mode: String = "normal", bigMB: Int = 0, lifetime: Int = 60) throws {
        let name = "server-\(mode)-\(bigMB)-\(UUID().uuidString.prefix(8))"
        let portFile = dir.file(name + ".port")
        log = dir.file(name + ".log")
        root = dir.file(name)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", PriceListServer.script, "serve", "--fixtures", Fixtures.priceLists, "--root", root, "--port-file",
            portFile, "--log", log, "--mode", mode, "--big-mb", String(bigMB), "--lifetime", String(lifetime),
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: portFile) && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let port = Int(readText(portFile)) else {
            throw UserError(message: "the test server did not start", status: .software)
        }
        self.port = port
        FileManager.default.createFile(atPath: log, contents: nil)
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The request lines received so far, and a fresh log from now on.
    func takeRequests() -> [String] {
        let lines = readText(log).split(separator: "\n").map(String.init)
        FileManager.default.createFile(atPath: log, contents: nil)
        return lines
    }

    deinit {
        // SIGKILL: a child of a test thread may inherit a mask that blocks SIGTERM.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// A checkout-like folder: `pricing` (the shipped sheets) and, when given, `scenarios/` with the
/// Orcha scenario moved to eu-west-2, so that the default regions are eu-west-2 alone.
func updateProject(_ dir: TempDir, scenarioRegion: String?) throws -> String {
    let project = dir.file("project")
    try FileManager.default.createDirectory(atPath: project + "/scenarios", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: project + "/pricing", withDestinationPath: Fixtures.pricing)
    if let scenarioRegion {
        let orcha = readText(Fixtures.root + "/scenarios/orcha.yaml")
        #expect(orcha.contains("\nregion: eu-central-1\n"))
        try Data(orcha.replacingOccurrences(of: "\nregion: eu-central-1\n", with: "\nregion: \(scenarioRegion)\n").utf8)
            .write(to: URL(fileURLWithPath: project + "/scenarios/orcha-london.yaml"))
    }
    return project + "/pricing"
}

/// Runs `orcha-cost catalog update` with no proxy from the environment (unless given).
func runUpdate(
    _ args: [String], catalog: String, endpoint: String, pricing: String, environment: [String: String] = [:]
) throws -> (Int32, String, String) {
    let noProxy = [
        "http_proxy": "", "HTTPS_PROXY": "", "https_proxy": "", "ALL_PROXY": "", "all_proxy": "",
        "ORCHA_COST_PRICING": pricing,
    ]
    return try runTool(
        ["catalog", "update", "--catalog", catalog, "--endpoint", endpoint] + args,
        environment: noProxy.merging(environment) { $1 })
}

/// The catalog file's bytes; the WAL must be empty (everything checkpointed) for the bytes to
/// say everything.
func catalogBytes(_ path: String) -> Data {
    let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
    #expect(wal == 0, "the catalog's WAL holds \(wal ?? 0) bytes after the process ended")
    return FileManager.default.contents(atPath: path) ?? Data()
}

/// Byte-for-byte equality, compared here (an `#expect(a == b)` on two large `Data` would have
/// the test library compute their difference).
func sameBytes(_ a: Data, _ b: Data) -> Bool {
    a == b
}

/// `offer_code version rows` of each imported source, sorted.
func importedSources(_ path: String) throws -> [String] {
    let catalog = try Catalog(path: path)
    let st = try catalog.db.prepare(
        "SELECT offer_code, version, rows FROM sources WHERE kind != 'sheet' ORDER BY offer_code")
    var rows: [String] = []
    while try st.step() { rows.append("\(st.text(0) ?? "") \(st.text(1) ?? "") \(st.int(2))") }
    return rows
}

@Suite(.serialized) struct CatalogUpdateTests {
    static let rdsCSV = "/offers/v1.0/aws/AmazonRDS/20260904172716/eu-west-2/index.csv"

    @Test func firstRunImportsSecondRunSkipsEveryOfferAndRegion() throws {
        let dir = TempDir()
        let server = try PriceListServer(dir)
        let pricing = try updateProject(dir, scenarioRegion: "eu-west-2")
        let catalog = dir.file("c.sqlite")
        let args = [
            "--service", "AWSQueueService", "--service", "AmazonRDS", "--service", "amazons3", "--service", "AmazonECS",
            "--region", "ap-south-2",
        ]
        let (status, out, err) = try runUpdate(args, catalog: catalog, endpoint: server.endpoint, pricing: pricing)
        #expect(status == 0, "\(err)")
        #expect(err.isEmpty, "no progress bar when stderr is not a terminal: \(err)")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "ap-south-2 AWSQueueService: not offered in ap-south-2",
                "ap-south-2 AmazonRDS: not offered in ap-south-2",
                "ap-south-2 AmazonS3: not offered in ap-south-2",
                "ap-south-2 AmazonECS: not offered in ap-south-2",
                "ap-south-2 AWSDatabaseSavingsPlans 20260422194203: imported 4 price rows, 4 products (AmazonDatabaseSavingsPlans, published 2026-04-22T19:42:03Z)",
                "eu-west-2 AWSQueueService 20260904154020: imported 8 price rows, 4 products (AWSQueueService, published 2026-09-04T15:40:20Z)",
                "eu-west-2 AmazonRDS 20260904172716: imported 11 price rows, 9 products (AmazonRDS, published 2026-09-04T17:27:16Z)",
                "eu-west-2 AmazonS3 20260831092225: imported 10 price rows, 8 products (AmazonS3, published 2026-08-31T09:22:25Z)",
                "eu-west-2 AmazonECS 20260831092155: imported 10 price rows, 9 products (AmazonECS, published 2026-08-31T09:21:55Z)",
                "eu-west-2 AWSDatabaseSavingsPlans: not offered in eu-west-2",
                "5 imported, 0 already in the catalog, 5 not offered, 0 failed",
            ])
        #expect(
            try importedSources(catalog) == [
                "AWSQueueService 20260904154020 8", "AmazonDatabaseSavingsPlans 20260422194203 4",
                "AmazonECS 20260831092155 10", "AmazonRDS 20260904172716 11", "AmazonS3 20260831092225 10",
            ])
        let requests = server.takeRequests()
        #expect(requests.filter { $0.hasSuffix("index.csv HTTP/1.1") }.count == 5)
        #expect(requests.first == "GET /offers/v1.0/aws/index.json HTTP/1.1")
        #expect(requests.contains("GET /savingsPlan/v1.0/aws/AWSDatabaseSavingsPlans/current/region_index.json HTTP/1.1"))

        let (qs, query, _) = try runTool(
            [
                "catalog", "query", "--catalog", catalog, "--region", "eu-west-2", "--filter", "Instance Type=db.t4g.micro",
                "--filter", "term_type=OnDemand", "--format", "csv",
            ], environment: ["ORCHA_COST_PRICING": pricing])
        #expect(qs == 0)
        #expect(query.contains(",EUW2-InstanceUsage:db.t4g.micro,"))
        #expect(query.contains(",0.0180000000,0,Inf,OnDemand,"))
        #expect(query.contains("AWS Price List AmazonRDS version 20260904172716 (\(server.endpoint)\(Self.rdsCSV))"))

        let before = catalogBytes(catalog)
        let (again, out2, err2) = try runUpdate(args, catalog: catalog, endpoint: server.endpoint, pricing: pricing)
        #expect(again == 0, "\(err2)")
        let skipped = out2.split(separator: "\n").filter { $0.hasSuffix(": already in the catalog") }
        #expect(
            skipped == [
                "ap-south-2 AWSDatabaseSavingsPlans 20260422194203: already in the catalog",
                "eu-west-2 AWSQueueService 20260904154020: already in the catalog",
                "eu-west-2 AmazonRDS 20260904172716: already in the catalog",
                "eu-west-2 AmazonS3 20260831092225: already in the catalog",
                "eu-west-2 AmazonECS 20260831092155: already in the catalog",
            ])
        #expect(out2.hasSuffix("0 imported, 5 already in the catalog, 5 not offered, 0 failed\n"))
        #expect(server.takeRequests().filter { $0.contains(".csv") }.isEmpty, "a skipped file is not downloaded")
        #expect(sameBytes(catalogBytes(catalog), before))
    }

    /// Each failure of the download exits with its documented status, names the URL, says what
    /// to do, and leaves the catalog file byte for byte as it was.
    @Test(arguments: [
        ("drop", "the download of ", " was cut short after 3107 of 7096 bytes"),
        ("chunked-drop", "the download of ", " was cut short after 3107 bytes"),
        ("status500", "cannot download ", ": the server answered HTTP 500"),
        ("404", "cannot download ", ": the server answered HTTP 404"),
        ("badjson", "", " is not a price-list region index: not JSON"),
    ])
    func failureLeavesTheCatalogUnchanged(mode: String, before prefix: String, after suffix: String) throws {
        let dir = TempDir()
        let server = try PriceListServer(dir, mode: mode)
        let pricing = try updateProject(dir, scenarioRegion: nil)
        let catalog = dir.file("c.sqlite")
        let (ls, _, _) = try runTool(["catalog", "list", "--catalog", catalog], environment: ["ORCHA_COST_PRICING": pricing])
        #expect(ls == 0)
        let before = catalogBytes(catalog)
        #expect(before.count > 100_000, "the catalog holds the sheets")

        let (status, out, err) = try runUpdate(
            ["--service", "AmazonRDS", "--region", "eu-west-2"], catalog: catalog, endpoint: server.endpoint, pricing: pricing
        )
        #expect(status == 76, "\(out)\(err)")
        let url = server.endpoint + (mode == "badjson" ? "/offers/v1.0/aws/AmazonRDS/current/region_index.json" : Self.rdsCSV)
        #expect(err.hasPrefix("orcha-cost: error: \(prefix)\(url)\(suffix)"), "\(err)")
        #expect(err.contains("download the "))
        #expect(err.contains(" by hand ") && err.contains(" and run orcha-cost catalog import FILE"))
        #expect(!err.contains("Fatal error") && !err.contains("malformed CSV") && !err.contains("row has"))
        #expect(sameBytes(catalogBytes(catalog), before))
        guard mode != "badjson" else { return }

        // Offers before and after the failing one are imported and stay.
        let (s2, out2, err2) = try runUpdate(
            ["--service", "AWSQueueService", "--service", "AmazonRDS", "--service", "AmazonS3", "--region", "eu-west-2"],
            catalog: catalog, endpoint: server.endpoint, pricing: pricing)
        #expect(s2 == 76, "\(err2)")
        #expect(err2.contains("eu-west-2 AmazonRDS 20260904172716: nothing imported; the catalog is unchanged"))
        #expect(out2.hasSuffix("2 imported, 0 already in the catalog, 1 not offered, 1 failed\n"), "\(out2)")
        #expect(
            try importedSources(catalog) == ["AWSQueueService 20260904154020 8", "AmazonS3 20260831092225 10"])
    }

    @Test func unreachableEndpointExits69() throws {
        let dir = TempDir()
        let pricing = try updateProject(dir, scenarioRegion: nil)
        let catalog = dir.file("c.sqlite")
        _ = try runTool(["catalog", "list", "--catalog", catalog], environment: ["ORCHA_COST_PRICING": pricing])
        let before = catalogBytes(catalog)
        let (status, _, err) = try runUpdate(
            ["--service", "AmazonRDS", "--region", "eu-west-2"], catalog: catalog, endpoint: "http://127.0.0.1:1",
            pricing: pricing)
        #expect(status == 69)
        #expect(err.hasPrefix("orcha-cost: error: cannot reach http://127.0.0.1:1/offers/v1.0/aws/index.json: "), "\(err)")
        #expect(err.contains("Couldn't connect to server"))
        #expect(err.contains("and run orcha-cost catalog import FILE"))
        #expect(sameBytes(catalogBytes(catalog), before))

        let (bad, _, badErr) = try runUpdate(
            [], catalog: catalog, endpoint: "ftp://127.0.0.1:1", pricing: pricing)
        #expect(bad == 64)
        #expect(badErr.contains("endpoint 'ftp://127.0.0.1:1' is not an http:// or https:// URL"))
    }

    @Test func helpHasExamples() throws {
        let (status, help, _) = try runTool(["catalog", "update", "--help"])
        #expect(status == 0)
        #expect(help.contains("orcha-cost catalog update --region eu-west-2 --service AmazonRDS\n"))
        #expect(help.contains("--endpoint <url>"))
        #expect(help.contains("69 the\nendpoint cannot be reached") || help.contains("69 the endpoint cannot be reached"))
    }

    @Test func unknownOfferOrRegionIsACommandLineErrorWithASuggestion() throws {
        let dir = TempDir()
        let server = try PriceListServer(dir)
        let pricing = try updateProject(dir, scenarioRegion: nil)
        let catalog = dir.file("c.sqlite")
        let (s1, _, e1) = try runUpdate(
            ["--service", "AmazonRSD", "--region", "eu-west-2"], catalog: catalog, endpoint: server.endpoint,
            pricing: pricing)
        #expect(s1 == 64)
        #expect(e1.contains("has no offer 'AmazonRSD'. did you mean 'AmazonRDS'?"), "\(e1)")
        let (s2, _, e2) = try runUpdate(
            ["--service", "AmazonRDS", "--region", "eu-wset-2"], catalog: catalog, endpoint: server.endpoint,
            pricing: pricing)
        #expect(s2 == 64)
        #expect(
            e2.contains(
                "region 'eu-wset-2' is in no region index of the requested offers (AmazonRDS, AWSDatabaseSavingsPlans). did you mean 'eu-west-2'?"
            ), "\(e2)")
    }

    /// libcurl takes the proxy from the environment: `http_proxy` (lower case) for http URLs.
    /// The endpoint's port has no server; only the proxy (the test server, which answers
    /// absolute-URL requests) can serve it.
    @Test func httpProxyFromTheEnvironmentIsUsed() throws {
        let dir = TempDir()
        let proxy = try PriceListServer(dir)
        let pricing = try updateProject(dir, scenarioRegion: nil)
        let (status, out, err) = try runUpdate(
            ["--service", "AmazonRDS", "--region", "eu-west-2"], catalog: dir.file("c.sqlite"),
            endpoint: "http://127.0.0.1:1", pricing: pricing,
            environment: ["http_proxy": proxy.endpoint, "no_proxy": "", "NO_PROXY": ""])
        #expect(status == 0, "\(err)")
        #expect(out.contains("eu-west-2 AmazonRDS 20260904172716: imported 11 price rows"))
        let requests = proxy.takeRequests()
        #expect(requests.first == "GET http://127.0.0.1:1/offers/v1.0/aws/index.json HTTP/1.1")
        #expect(requests.contains("GET http://127.0.0.1:1\(Self.rdsCSV) HTTP/1.1"))
    }

    /// The body streams into the importer: peak memory does not grow with the file (a 40 MB
    /// download peaks within 20 MB of a 10 MB one; holding the body would add 30 MB or more; the
    /// margin covers SQLite's page cache filling on the larger import).
    @Test func memoryStaysFlatWhateverTheDownloadSize() throws {
        let dir = TempDir()
        let pricing = try updateProject(dir, scenarioRegion: nil)
        var peaks: [Int] = []
        var rows: [String] = []
        for megabytes in [10, 40] {
            let server = try PriceListServer(dir, bigMB: megabytes)
            let catalog = dir.file("c\(megabytes).sqlite")
            let (status, out, err) = try runProgram(
                "/usr/bin/env",
                [
                    "python3", PriceListServer.script, "rss", "--", Fixtures.binary, "catalog", "update", "--catalog",
                    catalog, "--endpoint", server.endpoint, "--service", "AmazonRDS", "--region", "eu-west-2",
                ],
                environment: ["ORCHA_COST_PRICING": pricing, "http_proxy": ""])
            #expect(status == 0, "\(err)")
            let result = try #require(
                try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Int], "\(out) \(err)")
            #expect(result["status"] == 0, "\(err)")
            peaks.append(result["maxrss_kb"] ?? 0)
            rows += try importedSources(catalog)
            let size =
                try FileManager.default.attributesOfItem(
                    atPath: server.root + Self.rdsCSV)[.size] as? Int ?? 0
            #expect(size >= megabytes * 1_000_000)
        }
        // 11 price rows per repetition of the excerpt: 1,737 and 6,946 repetitions.
        #expect(rows == ["AmazonRDS 20260904172716 19107", "AmazonRDS 20260904172716 76406"])
        #expect(peaks[1] - peaks[0] < 20_000, "peak RSS \(peaks[0]) KB for 10 MB, \(peaks[1]) KB for 40 MB")
        #expect(peaks[1] < 80_000, "peak RSS \(peaks[1]) KB for a 40 MB download")
    }
}

@Suite struct CatalogUpdateThenPlanTests {
    /// The new user's first scenario in a region without a sheet: `catalog update --region` with
    /// the registry's default offers, then `plan` prices every line from AWS's own files.
    @Test func updateThenPlanPricesARegionWithoutASheetFromAWS() throws {
        let dir = TempDir()
        let server = try PriceListServer(dir)
        let pricing = try updateProject(dir, scenarioRegion: nil)
        let catalog = dir.file("c.sqlite")
        let (status, out, err) = try runUpdate(
            ["--region", "eu-west-2"], catalog: catalog, endpoint: server.endpoint, pricing: pricing)
        #expect(status == 0, "\(err)")
        // Offers of the registry this server does not have are said to be skipped.
        #expect(out.contains("AmazonEC2: not in the service index of \(server.endpoint); skipped"), "\(out)")
        #expect(out.contains("eu-west-2 AWSELB 20260831092255: imported"), "\(out)")
        let scenario = dir.write(
            "london.yaml",
            """
            name: London
            region: eu-west-2
            phases:
              - id: mvp
                name: MVP
                resources:
                  - {id: alb, type: alb, lcu: 2}
                  - {id: db, type: rds_instance, instance_class: db.t4g.micro, storage_gb: 20}
                  - {id: queues, type: sqs, requests: 3000000}
                  - {id: api, type: fargate_service, tasks: 2, vcpu: 0.5, memory_gb: 1}
                  - {id: cache, type: elasticache, node_type: cache.t4g.micro}

            """)
        let (plan, json, planErr) = try runTool(
            ["plan", scenario, "--catalog", catalog, "--format", "json"], environment: ["ORCHA_COST_PRICING": pricing])
        #expect(plan == 0, "\(planErr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let phases = try #require(doc["phases"] as? [[String: Any]])
        let lines = try #require(phases.first?["lines"] as? [[String: Any]])
        #expect(lines.count == 8)
        #expect(lines.allSatisfy { $0["price_quality"] as? String == "price-list" }, "\(lines)")
        // The files' prices: ALB 730 h x 0.02646 = 19.32, 1460 LCU-h x 0.0084 = 12.26; RDS 730 h x 0.018
        // = 13.14, 20 GB x 0.133 = 2.66; SQS 3M x 0.0000004 = 1.20; Fargate 730 vCPU-h x 0.04656 =
        // 33.99, 1460 GB-h x 0.00511 = 7.46; ElastiCache 730 h x 0.018 = 13.14.
        #expect(phases.first?["monthly_cost"] as? String == "103.17")
        let quality = try #require(doc["price_quality"] as? [String: Any])
        #expect(quality["price-list"] as? Int == 8)
        #expect(quality["update_command"] is NSNull)
    }
}
