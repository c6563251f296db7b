// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "orcha-cost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "orcha-cost", targets: ["orcha-cost"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CCSV", path: "Sources/CCSV",
            providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CostModel"),
        .target(name: "SQLiteStore", dependencies: ["CostModel", "CSQLite"]),
        .target(name: "FileIO", dependencies: ["CostModel", "CCSV", "CZlib"]),
        .target(name: "Pricing", dependencies: ["CostModel", "SQLiteStore", "FileIO", "CCurl"]),
        .target(name: "Billing", dependencies: ["CostModel", "FileIO"]),
        .target(name: "Metrics", dependencies: ["CostModel", "FileIO"]),
        .target(name: "DataStore", dependencies: ["CostModel", "Billing", "Metrics", "SQLiteStore", "FileIO"]),
        .target(name: "Reporting", dependencies: ["CostModel", "FileIO"]),
        .target(name: "Scenarios", dependencies: ["CostModel", .product(name: "Yams", package: "Yams")]),
        .target(name: "CloudFormation", dependencies: ["CostModel", .product(name: "Yams", package: "Yams")]),
        .target(name: "Analysis", dependencies: ["CostModel", "Pricing", "Scenarios", "Billing", "Metrics"]),
        .executableTarget(
            name: "orcha-cost",
            dependencies: [
                "CostModel", "Pricing", "Reporting", "Scenarios", "Analysis", "Billing", "Metrics", "DataStore", "CloudFormation",
                "FileIO", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["Pricing", "CostModel"], path: "Tests/TestSupport"),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "CostModel", "TestSupport"]),
        .testTarget(
            name: "AnalysisTests",
            dependencies: [
                "Analysis", "Billing", "Metrics", "DataStore", "Scenarios", "Pricing", "CostModel", "Reporting", "TestSupport",
            ]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "CostModel", "TestSupport"]),
        .testTarget(name: "DataStoreTests", dependencies: ["DataStore", "Billing", "Metrics", "CostModel", "TestSupport"]),
        .testTarget(name: "BillingTests", dependencies: ["Billing", "CostModel", "TestSupport"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "CostModel", "TestSupport"]),
        .testTarget(name: "CostModelTests", dependencies: ["CostModel"]),
        .testTarget(name: "SQLiteStoreTests", dependencies: ["SQLiteStore", "CostModel"]),
        .testTarget(name: "FileIOTests", dependencies: ["FileIO", "CostModel", "TestSupport"]),
        .testTarget(
            name: "CloudFormationTests",
            dependencies: ["CloudFormation", "Analysis", "Scenarios", "Pricing", "CostModel", "TestSupport"]),
        .testTarget(name: "PricingTests", dependencies: ["Pricing", "CostModel", "SQLiteStore", "FileIO", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["Pricing", "CostModel", "SQLiteStore", "FileIO", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
