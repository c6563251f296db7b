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
                return Terminal.out(TypesRenderer.list(ServiceRules.all.map { ($0.type, $0.summary) }))
            }
            guard let rule = ServiceRules.rule(type) else {
                let guess = Spelling.didYouMean(type, in: ServiceRules.all.map(\.type))
                throw UserError(
                    message: "no resource type '\(type)'.\(guess)", hint: "orcha-cost types lists them", status: .usage)
            }
            let parameters = (rule.parameters + CommonParameters.all).map { p in
                var value = p.isRequired ? "required" : "-"
                switch p.defaultValue {
                case .number(let e)?: value = e.description
                case .text(let s)?: value = s
                case .flag(let f)?: value = f ? "true" : "false"
                case .usage(let u)?: value = "$" + u
                case nil: break
                }
                return TypesRenderer.Parameter(name: p.name, takes: takes(p.kind), defaultValue: value, meaning: p.summary)
            }
            let example = rule.example.params.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            let result =
                rule.example.missingPrice.map { "\($0) (no public price: import AWS's price list)" }
                ?? "$\(rule.example.monthly)/month"
            Terminal.out(
                TypesRenderer.detail(
                    type: rule.type, summary: rule.summary, parameters: parameters, region: rule.example.region,
                    example: example, result: result, seed: rule.example.seed))
        }
    }

    /// What a parameter takes, as the table shows it.
    func takes(_ kind: ParameterKind) -> String {
        switch kind {
        case .number(let unit): return "number (\(unit))"
        case .text(let choices): return choices.map { $0.joined(separator: "|") } ?? "text"
        case .flag: return "true|false"
        }
    }
}
