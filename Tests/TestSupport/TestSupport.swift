import CostModel
import Foundation
import Pricing

/// Paths and helpers shared by the test targets.
public enum Fixtures {
    /// The package root (this file is Tests/TestSupport/TestSupport.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var pricing: String { root + "/pricing" }
    public static var priceLists: String { root + "/Tests/Fixtures/price-list" }
    public static func priceList(_ name: String) -> String { priceLists + "/" + name }

    /// The built command-line tool (`swift build --build-tests` builds it beside the tests).
    public static var binary: String {
        if let env = ProcessInfo.processInfo.environment["ORCHA_COST_BIN"] { return env }
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("orcha-cost").path
        if FileManager.default.isExecutableFile(atPath: bundle) { return bundle }
        return root + "/.build/debug/orcha-cost"
    }
}

/// A fresh temporary directory, removed on deinit.
public final class TempDir {
    public let path: String

    public init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("orcha-cost-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let p = file(name)
        try! Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// A catalog in this directory with the shipped sheets loaded.
    public func catalog(_ name: String = "catalog.sqlite") throws -> Catalog {
        let c = try Catalog(path: file(name))
        try c.refreshSheets(pricingDirectory: Fixtures.pricing)
        return c
    }
}

public func readText(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
}

/// A summary of everything the catalog holds, to compare before and after an operation.
public func snapshot(_ catalog: Catalog) throws -> String {
    var parts: [String] = []
    for sql in [
        "SELECT COUNT(*) FROM prices", "SELECT COUNT(*) FROM products", "SELECT COUNT(*) FROM sources",
        "SELECT COALESCE(SUM(price_e10 % 1000003), 0) FROM prices", "SELECT COALESCE(SUM(LENGTH(attributes)), 0) FROM products",
        "SELECT COUNT(*) || ' ' || COALESCE(SUM(LENGTH(value)), 0) FROM attribute_values",
    ] {
        parts.append(try catalog.db.scalarText("SELECT CAST((\(sql)) AS TEXT)") ?? "")
    }
    parts.append(
        try catalog.db.scalarText(
            "SELECT group_concat(path || '@' || COALESCE(version, ''), ';') FROM (SELECT path, version FROM sources ORDER BY id)")
            ?? "")
    return parts.joined(separator: "|")
}

/// `bytes` compressed by the system's gzip (`gzip -n`, no name or time stamp in the header).
public func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["gzip", "-n", "-c"]
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    nonisolated(unsafe) var compressed = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        compressed = output.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    try input.fileHandleForWriting.write(contentsOf: Data(bytes))
    try input.fileHandleForWriting.close()
    group.wait()
    p.waitUntilExit()
    return [UInt8](compressed)
}

/// Runs the built binary; returns (exit status, stdout, stderr).
public func runTool(_ args: [String], environment: [String: String] = [:], cwd: String? = nil) throws -> (Int32, String, String) {
    try runProgram(
        Fixtures.binary, args, environment: ["ORCHA_COST_PRICING": Fixtures.pricing].merging(environment) { $1 }, cwd: cwd)
}

/// Starts the built binary with `args`, sends it SIGKILL after `seconds` and waits for it; true
/// when the kill landed while it was still running (for crash-safety tests).
public func runToolKilled(_ args: [String], after seconds: Double, cwd: String? = nil) throws -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Fixtures.binary)
    p.arguments = args
    p.environment = ["ORCHA_COST_PRICING": Fixtures.pricing]
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    Thread.sleep(forTimeInterval: seconds)
    let wasRunning = p.isRunning
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    return wasRunning && p.terminationReason == .uncaughtSignal
}

/// Runs a program (a script of the checkout, the built binary); returns (exit status, stdout,
/// stderr).
public func runProgram(_ path: String, _ args: [String], environment: [String: String] = [:], cwd: String? = nil) throws -> (
    Int32, String, String
) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read both pipes concurrently so a large output cannot block the child.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// Writes a valid AWS-format price list of about `megabytes` MB by repeating the rows of the RDS
/// excerpt under fresh SKUs (for tests that need a file that takes a while to import).
public func writeLargePriceList(
    to path: String, megabytes: Int, region: String = "eu-west-2",
    lastLine: String? = nil
) throws {
    let lines = readText(Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv")).split(
        separator: "\n", omittingEmptySubsequences: false)
    let head = lines[0..<6].joined(separator: "\n") + "\n"
    let rows = lines[6...].filter { !$0.isEmpty }.map { $0.replacingOccurrences(of: "eu-west-2", with: region) }
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.write(contentsOf: Data(head.utf8))
    var written = head.utf8.count
    var n = 0
    var buffer = ""
    while written < megabytes * 1_000_000 {
        n += 1
        let sku = String(format: "GEN%013d", n)
        for row in rows {
            // Replace the SKU (first field and the rate code prefix) so products stay distinct.
            let original = String(row.dropFirst().prefix(16))
            let line = row.replacingOccurrences(of: original, with: sku) + "\n"
            buffer += line
            written += line.utf8.count
        }
        if buffer.utf8.count > 1 << 20 {
            try handle.write(contentsOf: Data(buffer.utf8))
            buffer = ""
        }
    }
    if let lastLine { buffer += lastLine + "\n" }
    try handle.write(contentsOf: Data(buffer.utf8))
}

/// The genuine RDS excerpt (eu-west-2) with its region changed to eu-central-1, where the
/// sheets have prices for the same products: for override tests. Returns its path.
public func writeRDSExcerptInFrankfurt(_ dir: TempDir) -> String {
    let text = readText(Fixtures.priceList("AmazonRDS-eu-west-2.subset.csv"))
        .replacingOccurrences(of: "eu-west-2", with: "eu-central-1").replacingOccurrences(of: "EUW2-", with: "EUC1-")
        .replacingOccurrences(of: "EU (London)", with: "EU (Frankfurt)")
    return dir.write("AmazonRDS-eu-central-1.csv", text)
}

/// SplitMix64: a small seedable generator, so a failing random case replays from its seed.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
