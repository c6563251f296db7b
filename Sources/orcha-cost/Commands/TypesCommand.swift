import ArgumentParser
import CostModel
import Pricing
import Reporting

struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "List the resource types a scenario can use, or one type's parameters.",
        discussion: """
            Examples:
              orcha-cost types
              orcha-cost types rds_instance
            """
    )

    @Argument(help: "A resource type, to show its parameters, units, defaults and worked example.")
    var type: String?

    func run() throws {
        try reportingErrors {
            guard let type else {
                var t = TextTable(header: ["TYPE", "PRICES"])
                for rule in ServiceRules.all { t.add([rule.type, rule.summary]) }
                Terminal.out(t.render())
                Terminal.out("Every type also takes: region (a region other than the scenario's), note (free text).\n")
                return
            }
            guard let rule = ServiceRules.rule(type) else {
                let guess = Spelling.closest(to: type, in: ServiceRules.all.map(\.type)).map { " did you mean '\($0)'?" } ?? ""
                throw UserError(
                    message: "no resource type '\(type)'.\(guess)", hint: "orcha-cost types lists them", status: .usage)
            }
            Terminal.out("\(rule.type): \(rule.summary)\n\n")
            var t = TextTable(header: ["PARAMETER", "TAKES", "DEFAULT", "MEANING"])
            for p in rule.parameters + CommonParameters.all {
                let takes: String
                switch p.kind {
                case .number(let unit): takes = "number (\(unit))"
                case .text(let choices): takes = choices.map { $0.joined(separator: "|") } ?? "text"
                case .flag: takes = "true|false"
                }
                var value = p.isRequired ? "required" : "-"
                switch p.defaultValue {
                case .number(let e)?: value = e.description
                case .text(let s)?: value = s
                case .flag(let f)?: value = f ? "true" : "false"
                case .usage(let u)?: value = "$" + u
                case nil: break
                }
                t.add([p.name, takes, value, p.summary])
            }
            Terminal.out(t.render())
            let example = rule.example.params.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            let result =
                rule.example.missingPrice.map { "\($0) (no public price: import AWS's price list)" }
                ?? "$\(rule.example.monthly)/month"
            Terminal.out(
                "\nworked example (\(rule.example.region)): \(example.isEmpty ? "defaults" : example) -> \(result)\n"
            )
            Terminal.out("  \(rule.example.seed)\n")
        }
    }
}
