import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

#if canImport(Glibc)
    import Glibc
#endif

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
