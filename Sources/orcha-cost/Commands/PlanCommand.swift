import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

#if canImport(Glibc)
    import Glibc
#endif

struct PlanCommand: FormattedCommand {
    static let formats: [OutputFormat] = [.table, .json, .csv, .markdown]

    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Price every phase of a roadmap scenario, line by line.",
        discussion: """
            Each phase shows its lines (quantity × unit price, and the source of the price), the \
            subtotal per service, the total, the change from the phase it extends and, where usage \
            is given as a range, the low..high cost.

            Examples:
              orcha-cost plan                                   # scenarios/orcha.yaml
              orcha-cost plan scenarios/quoting-app.yaml --phase v1.5
              orcha-cost plan --format json > plan.json
              orcha-cost plan --format markdown                  # tables for the roadmap document
              orcha-cost plan --set region=us-east-1 --set app.count=3
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file (default: scenarios/orcha.yaml).", valueName: "scenario"))
    var scenario: String?
    @Option(help: ArgumentHelp("Only this phase (repeatable).", valueName: "id")) var phase: [String] = []
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a usage input (nat_gb=500), a resource parameter (app.count=3), region, hours_per_month or tenants. Repeatable.",
            valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "table, json, csv or markdown.") var format: OutputFormat = .table
    @Flag(
        inversion: .prefixedNo,
        help: "List each price's source after the table (default; --no-sources leaves the list and the SRC column out).")
    var sources = true

    func validate() throws { try validateFormat() }

    func run() throws {
        try reportingErrors {
            var (path, engine) = try engineFor(scenario, options)
            var cost = try engine.plan(path: path, overrides: try Overrides(overrides))
            if !phase.isEmpty {
                try requirePhases(phase, in: cost)
                cost.phases = cost.phases.filter { phase.contains($0.id) }
            }
            switch format {
            case .json: try Output.stdout { PlanRenderer.json(cost, into: &$0) }
            case .csv: try Output.stdout { PlanRenderer.csv(cost, into: &$0) }
            case .markdown: Terminal.out(PlanRenderer.markdown(cost))
            default:
                Terminal.out(
                    PlanRenderer.table(cost, color: isatty(1) == 1 && getenv("NO_COLOR") == nil, sources: sources))
            }
        }
    }
}
