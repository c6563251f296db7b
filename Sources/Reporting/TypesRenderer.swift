/// `types`: the resource types, and one type's parameters with its worked example.
public enum TypesRenderer {
    /// One parameter as the table shows it.
    public struct Parameter: Sendable {
        public var name: String
        /// What it takes: `number (GB)`, `a|b`, `text`, `true|false`.
        public var takes: String
        /// Its default, `required` or `-`.
        public var defaultValue: String
        public var meaning: String

        public init(name: String, takes: String, defaultValue: String, meaning: String) {
            self.name = name
            self.takes = takes
            self.defaultValue = defaultValue
            self.meaning = meaning
        }
    }

    public static func list(_ types: [(type: String, summary: String)]) -> String {
        var t = TextTable(header: ["TYPE", "PRICES"])
        for (type, summary) in types { t.add([type, summary]) }
        return t.render() + "Every type also takes: region (a region other than the scenario's), note (free text).\n"
    }

    /// A type's summary, its parameters, then its worked example (`example` is its parameters,
    /// `result` the monthly cost or why there is none, `seed` where the figures come from).
    public static func detail(
        type: String, summary: String, parameters: [Parameter], region: String, example: String, result: String,
        seed: String
    ) -> String {
        var t = TextTable(header: ["PARAMETER", "TAKES", "DEFAULT", "MEANING"])
        for p in parameters { t.add([p.name, p.takes, p.defaultValue, p.meaning]) }
        return "\(type): \(summary)\n\n" + t.render()
            + "\nworked example (\(region)): \(example.isEmpty ? "defaults" : example) -> \(result)\n  \(seed)\n"
    }
}
