import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "P10/P50/P90 cost per phase by Monte Carlo over the uncertain inputs, and what drives the spread.",
        discussion: """
            Every range in the scenario (usage inputs, parameters, tenants) is an uncertain input, \
            drawn uniformly unless its usage input says `distribution: triangular` (with `mode`) or \
            `distribution: lognormal` (with `p50` and `p90`). The same seed gives the same numbers, \
            bit for bit. Drivers: the phase's cost with one input at its high value minus at its \
            low value, the others at their expected values.

            Examples:
              orcha-cost simulate scenarios/quoting-app.yaml
              orcha-cost simulate scenarios/media-gpu.yaml --samples 1000000 --seed 7 --format json
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(help: "Number of samples.") var samples: Int = 100_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .customLong("set"), help: ArgumentHelp("Overrides (see plan --help).", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "table or json.") var format: OutputFormatSimple = .table

    func validate() throws {
        if samples < 1 || samples > 50_000_000 { throw ValidationError("--samples must be between 1 and 50000000") }
    }

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            var engine = Engine(catalog: catalog)
            let r = try engine.simulate(path: scenario, samples: samples, seed: seed, overrides: try Overrides(overrides))
            func m(_ v: Money) -> String { v.formatted(decimals: 2) }
            if format == .json {
                let phases = r.phases.map { p in
                    let drivers = p.drivers.map { "{\"input\": \(JSON.quote($0.label)), \"swing\": \(JSON.quote(m($0.swing)))}" }
                    return
                        "    {\"id\": \(JSON.quote(p.id)), \"expected\": \(JSON.quote(m(p.expected))), \"low\": \(JSON.quote(m(p.low))), "
                        + "\"high\": \(JSON.quote(m(p.high))), \"p10\": \(JSON.quote(m(p.p10))), \"p50\": \(JSON.quote(m(p.p50))), "
                        + "\"p90\": \(JSON.quote(m(p.p90))), \"mean\": \(JSON.quote(m(p.mean))), \"drivers\": [\(drivers.joined(separator: ", "))]}"
                }
                Terminal.out(
                    "{\n  \"samples\": \(r.samples),\n  \"seed\": \(r.seed),\n  \"inputs\": \(JSON.array(r.variables)),\n  \"phases\": [\n"
                        + phases.joined(separator: ",\n") + "\n  ]\n}\n")
                return
            }
            Terminal.out(
                "\(r.samples) samples, seed \(r.seed), \(r.variables.count) uncertain inputs: \(r.variables.joined(separator: ", "))\n"
            )
            var t = TextTable(
                header: ["PHASE", "PLAN", "LOW..HIGH", "P10", "P50", "P90", "MEAN", "DRIVEN MOST BY"],
                rightAligned: [1, 2, 3, 4, 5, 6])
            for p in r.phases {
                let drivers = p.drivers.prefix(3).map { "\($0.label) \($0.swing.micros >= 0 ? "+" : "")\(m($0.swing))" }
                t.add([
                    p.id, m(p.expected), "\(m(p.low))..\(m(p.high))", m(p.p10), m(p.p50), m(p.p90), m(p.mean),
                    drivers.joined(separator: ", "),
                ])
            }
            Terminal.out(t.render())
            let differing = r.phases.filter { $0.mean != $0.expected }.map(\.id)
            if !differing.isEmpty {
                Terminal.out(
                    "note: MEAN differs from PLAN in \(differing.joined(separator: ", ")): the plan prices each uncertain input "
                        + "at its expected value (the middle of its range), while the mean averages the costs over the inputs' "
                        + "distributions (a skewed one, such as lognormal or triangular, or tiered prices, move it away; with uniform ranges the gap is sampling noise, smaller with more --samples)\n"
                )
            }
        }
    }
}

enum OutputFormatSimple: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
