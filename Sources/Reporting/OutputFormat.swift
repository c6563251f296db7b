/// The one set of output formats. Each command declares which of them it writes; each format has
/// its renderer in this module.
public enum OutputFormat: String, Sendable {
    /// Aligned columns for a terminal.
    case table
    /// A JSON document (``JSONWriter``).
    case json
    /// RFC 4180 CSV (``CSVWriter``).
    case csv
    /// Markdown tables for a roadmap document.
    case markdown
    /// `finance`: FOCUS 1.2 CSV, one row per month and cost line.
    case focus
    /// `finance`: CSV, one row per month and service.
    case summary
    /// `budget export`: the JSON files of `aws budgets create-budget`.
    case awsCli = "aws-cli"

    /// `table, json or csv`.
    public static func list(_ formats: [OutputFormat]) -> String {
        let names = formats.map(\.rawValue)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
