import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

struct BreakEvenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "break-even",
        abstract: "Where two phases, scenarios or options cost the same as one input varies, solved exactly (tiers included).",
        discussion: """
            Side A is the first phase of --between in SCENARIO, side B the second, in --other when \
            given. --set applies to both sides, --set-a and --set-b to one (options: e.g. a Savings \
            Plan against on demand).

            Examples:
              orcha-cost break-even scenarios/nat-vs-endpoints.yaml --vary aws_api_gb=0..100000 --between nat endpoints
              orcha-cost break-even scenarios/orcha.yaml --vary tenants=0..20 --between multi-az per-tenant
              orcha-cost break-even scenarios/orcha.yaml --vary app.hours_per_day=0..24 --between mvp mvp \\
                --set-b app.purchase=reserved_1yr_no_upfront
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(help: ArgumentHelp("The input to vary and the range to search.", valueName: "key=from..to")) var vary: String
    @Option(parsing: .upToNextOption, help: ArgumentHelp("The two phases to compare.", valueName: "a b")) var between: [String]
    @Option(help: ArgumentHelp("Scenario of side B (default: the same).", valueName: "scenario")) var other: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Overrides on both sides.", valueName: "key=value"))
    var overrides: [String] = []
    @Option(name: .customLong("set-a"), help: ArgumentHelp("Overrides on side A only.", valueName: "key=value"))
    var overridesA: [String] = []
    @Option(name: .customLong("set-b"), help: ArgumentHelp("Overrides on side B only.", valueName: "key=value"))
    var overridesB: [String] = []

    func validate() throws {
        if between.count != 2 { throw ValidationError("--between takes two phase ids, e.g. --between nat endpoints") }
    }

    func run() throws {
        try reportingErrors {
            let variation = try Variation(vary)
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            var engine = Engine(catalog: catalog)
            let r = try engine.breakEven(
                .init(path: scenario, phase: between[0], overrides: try Overrides(overridesA)),
                .init(path: other ?? scenario, phase: between[1], overrides: try Overrides(overridesB)),
                variation: variation, overrides: try Overrides(overrides))
            func label(_ phase: String, _ file: String?, _ set: [String]) -> String {
                var l = phase
                if let file { l += " of \(file)" }
                if !set.isEmpty { l += " [" + set.joined(separator: " ") + "]" }
                return l
            }
            Terminal.out(
                BreakEvenRenderer.text(r, nameA: label(r.phaseA, nil, overridesA), nameB: label(r.phaseB, other, overridesB)))
        }
    }
}
