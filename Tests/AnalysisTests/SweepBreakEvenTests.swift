import Analysis
import CostModel
import Foundation
import Reporting
import TestSupport
import Testing

@Suite struct SweepBreakEvenTests {
    let natVsEndpoints = Fixtures.root + "/scenarios/nat-vs-endpoints.yaml"

    /// By hand from the eu-central-1 sheet: NAT $0.052/h × 730 + its IPv4 $0.005/h × 730 +
    /// $0.052/GB, against 7 × 2 endpoint-AZs × 730 h × $0.012 + $0.01/GB:
    /// 41.61 + 0.052 x = 122.64 + 0.01 x  →  x = 81.03 / 0.042 = 1929.2857142857… GB.
    @Test func natVersusInterfaceEndpoints() throws {
        let r = try withEngine {
            try $0.breakEven(
                path: natVsEndpoints, variation: try Variation("aws_api_gb=0..100000"), between: "nat",
                and: "endpoints", overrides: try Overrides([]))
        }
        #expect(r.points.count == 1)
        #expect(r.points[0].value == Quantity(millionths: 1_929_285_714))
        #expect(r.points[0].kind == .crossing)
        #expect(r.points[0].costA.usd == "141.93")
        #expect(r.points[0].costB.usd == "141.93")
        #expect(r.atFrom.0.usd == "41.61")
        #expect(r.atFrom.1.usd == "122.64")
    }

    @Test func noCrossingInTheRange() throws {
        let r = try withEngine {
            try $0.breakEven(
                path: natVsEndpoints, variation: try Variation("aws_api_gb=0..1000"), between: "nat",
                and: "endpoints", overrides: try Overrides([]))
        }
        #expect(r.points.isEmpty)
        #expect(r.atTo.0.usd == "93.61")
    }

    /// The crossing lies past a tier boundary: endpoint data costs $0.01/GB up to 1 PB
    /// (1048576 GB) and $0.006/GB beyond. Against a flat $12000:
    /// 10485.76 + 0.006 (x − 1048576) = 12000  →  x = 1048576 + 1514.24 / 0.006 = 1300949.333333…
    @Test func crossingBeyondATierBoundaryIsExact() throws {
        let dir = TempDir()
        let path = dir.write(
            "tiers.yaml",
            """
            name: tiers
            region: eu-central-1
            usage:
              gb: {value: 0, unit: GB}
            phases:
              - id: data
                resources:
                  - {id: e, type: vpc_endpoint_interface, endpoints: 0, gb_processed: $gb}
              - id: flat
                resources:
                  - {id: f, type: fixed, monthly: 12000, source: a flat offer}
            """)
        let r = try withEngine {
            try $0.breakEven(
                path: path, variation: try Variation("gb=0..5000000"), between: "data", and: "flat",
                overrides: try Overrides([]))
        }
        #expect(r.points.map(\.value) == [Quantity(millionths: 1_300_949_333_333)])
        #expect(r.points[0].costA.usd == "12000.00")
    }

    /// Options: the Orcha instance on demand against a 1-year no-upfront RI, by hours a day it
    /// runs. On demand scales with the hours (730 h × $0.0384 × h/24); the RI bills the whole
    /// month (730 h × $0.0242): equal at h = 24 × 0.0242 / 0.0384 = 15.125.
    @Test func reservedAgainstOnDemandByHoursPerDay() throws {
        let orcha = Fixtures.root + "/scenarios/orcha.yaml"
        let r = try withEngine {
            try $0.breakEven(
                .init(path: orcha, phase: "mvp", overrides: try Overrides([])),
                .init(path: orcha, phase: "mvp", overrides: try Overrides(["app.purchase=reserved_1yr_no_upfront"])),
                variation: try Variation("app.hours_per_day=0..24"), overrides: try Overrides([]))
        }
        #expect(r.points.map(\.value) == [Quantity(millionths: 15_125_000)])
    }

    /// Two scenario files: side B is another file.
    @Test func twoScenarios() throws {
        let dir = TempDir()
        let other = dir.write(
            "endpoints-3az.yaml",
            """
            name: three AZs
            region: eu-central-1
            usage:
              aws_api_gb: {value: 100, unit: GB}
            phases:
              - id: endpoints
                resources:
                  - {id: endpoints, type: vpc_endpoint_interface, endpoints: 7, azs: 3, gb_processed: $aws_api_gb}
            """)
        let r = try withEngine {
            try $0.breakEven(
                .init(path: natVsEndpoints, phase: "nat", overrides: try Overrides([])),
                .init(path: other, phase: "endpoints", overrides: try Overrides([])),
                variation: try Variation("aws_api_gb=0..100000"), overrides: try Overrides([]))
        }
        // 41.61 + 0.052 x = 7 × 3 × 730 × 0.012 + 0.01 x = 183.96 + 0.01 x  →  x = 142.35 / 0.042
        #expect(r.points.map(\.value) == [Quantity(millionths: 3_389_285_714)])
    }

    @Test func sweepPricesEveryStep() throws {
        let r = try withEngine {
            try $0.sweep(
                path: natVsEndpoints, variation: try Variation("aws_api_gb=0..2000:500"), overrides: try Overrides([]),
                phases: [])
        }
        #expect(r.phases == ["nat", "endpoints"])
        #expect(r.rows.map { $0.value.description } == ["0", "500", "1000", "1500", "2000"])
        #expect(
            r.rows.map { $0.costs.map(\.usd) } == [
                ["41.61", "122.64"], ["67.61", "127.64"], ["93.61", "132.64"], ["119.61", "137.64"], ["145.61", "142.64"],
            ])
        let svg = SweepRenderer.svg(r, title: "nat <vs> endpoints")
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains("nat &lt;vs&gt; endpoints"))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test(arguments: ["nat_gb", "nat_gb=5", "nat_gb=10..1", "nat_gb=0..10:0", "=0..10"])
    func badVariations(text: String) {
        #expect(throws: UserError.self) { try Variation(text) }
    }

    @Test func stepDefaultsToATenth() throws {
        #expect(
            try Variation("x=0..100").values.map(\.description) == [
                "0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100",
            ])
        #expect(try Variation("x=0..10:3").values.map(\.description) == ["0", "3", "6", "9", "10"])
    }
}

@Suite struct VariationStepTests {
    @Test func wholeStepsWithoutAStepAndTheGivenStepKept() throws {
        let tenth = try Variation("tasks=1..6")
        #expect(tenth.values.map(\.description) == ["1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5", "5.5", "6"])
        #expect(tenth.inWholeSteps().values.map(\.description) == ["1", "2", "3", "4", "5", "6"])
        // A tenth of 0..95 is 9.5: whole steps of 10, and the end itself.
        #expect(
            try Variation("n=0..95").inWholeSteps().values.map(\.description) == [
                "0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "95",
            ])
        let given = try Variation("tasks=1..2:0.25")
        #expect(given.inWholeSteps().values.map(\.description) == ["1", "1.25", "1.5", "1.75", "2"])
    }
}
