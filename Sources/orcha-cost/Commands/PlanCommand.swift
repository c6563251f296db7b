import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

#if canImport(Glibc)
    import Glibc
#endif

/// Where the default scenario lives: scenarios/orcha.yaml beside the price sheets.
func defaultScenario(pricingOption: String?) throws -> String {
    let pricing = try ProjectPaths.pricingDirectory(option: pricingOption)
    let root = pricing.lastIndex(of: "/").map { String(pricing[..<$0]) } ?? "."
    let path = (root.isEmpty ? "." : root) + "/scenarios/orcha.yaml"
    // Shown in output: relative to the current directory when it is inside it.
    var buf = [CChar](repeating: 0, count: 4096)
    if getcwd(&buf, buf.count) != nil {
        let cwd = String(cString: buf) + "/"
        if path.hasPrefix(cwd) { return String(path.dropFirst(cwd.count)) }
    }
    return path
}

/// The scenario file's name without folder and extension: scenarios/orcha.yaml -> orcha.
func scenarioStem(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
}

/// The scenario to read (the default one when none is given) and an engine on the catalog.
func engineFor(_ scenario: String?, _ options: CatalogOptions) throws -> (String, Engine) {
    let path = try scenario ?? defaultScenario(pricingOption: options.pricing)
    let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
    return (path, Engine(catalog: catalog))
}

/// Every id names a phase of `cost`, or a usage error with a did-you-mean.
func requirePhases(_ ids: [String], in cost: ScenarioCost) throws {
    for id in ids { _ = try cost.requirePhase(id) }
}

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

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario without pricing it: structure, types, parameters, units and that every price exists.",
        discussion: """
            Every problem of the file is listed as path:line:col: error: ..., and the exit status \
            is 65. A missing price names the region, the key and the sheet file to add it to.

            Example:
              orcha-cost check scenarios/orcha.yaml
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: ArgumentHelp("Scenario file (default: scenarios/orcha.yaml).", valueName: "scenario"))
    var scenario: String?

    func run() throws {
        try reportingErrors {
            var (path, engine) = try engineFor(scenario, options)
            let summary = try engine.check(path: path)
            Terminal.out("\(path): ok: \(summary.phases) phases, \(summary.resources) resources, \(summary.prices) prices\n")
        }
    }
}
