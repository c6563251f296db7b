import CostModel
import Pricing

/// Checks a parameter value against its specification.
public enum ParameterCheck {
    /// What is wrong with a value for a parameter (kind, unit of a referenced usage input,
    /// choice), as a message and a hint; nil when it fits.
    public static func problem(_ spec: ParameterSpec, _ value: ParamValue, units: [String: String]) -> (String, String?)? {
        switch (spec.kind, value) {
        case (.number, .number): return nil
        case (.number(let unit), .usage(let name)):
            guard let inputUnit = units[name] else {
                let guess = Spelling.closest(to: name, in: units.keys).map { " did you mean '$\($0)'?" } ?? ""
                return ("unknown usage input '$\(name)'.\(guess)", "declare it under the top-level 'usage'")
            }
            if inputUnit != unit && unit != "any" {
                return (
                    "'\(spec.name)' is in \(unit) but usage input '\(name)' is in \(inputUnit)",
                    "give the usage input the unit \(unit), or use another input"
                )
            }
            return nil
        case (.number(let unit), .text(let t)):
            return ("'\(spec.name)' must be a non-negative number in \(unit) (or a range low..high), not '\(t)'", nil)
        case (.number(let unit), .flag):
            return ("'\(spec.name)' must be a number in \(unit), not true/false", nil)
        case (.text, .text(let t)) where spec.name == "region":
            return AWSServiceNames.regionProblem(t).map { ("region " + $0, AWSServiceNames.regionHint) }
        case (.text(let choices), .text(let t)):
            if let choices, !choices.contains(t) {
                let guess = Spelling.didYouMean(t, in: choices)
                return ("'\(spec.name)' must be one of \(choices.joined(separator: ", ")), not '\(t)'.\(guess)", nil)
            }
            return nil
        case (.text, .number(let e)):
            return ("'\(spec.name)' must be text, not the number \(e)", "quote it if it is meant as text")
        case (.text, _):
            return ("'\(spec.name)' must be text", nil)
        case (.flag, .flag): return nil
        case (.flag, _):
            return ("'\(spec.name)' must be true or false", nil)
        }
    }
}
