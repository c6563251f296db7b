import CostModel
import FileIO

/// One price key as `pricing/keys.csv` defines it, once for every region: the AWS offer code, the
/// unit one price is per, the Price List selector (usage type without the region prefix, plus
/// `match` attribute filters) and a description.
///
/// A key may hold one placeholder (`ec2.instance.{instance_type}.linux`): it then stands for every
/// key that fills it (`ec2.instance.m7g.large.linux`), and `{instance_type}` in the usage type,
/// the match and the description is replaced by the same text.
public struct PriceKeyDefinition: Sendable, Hashable {
    public var pattern: String
    public var service: String
    public var unit: String
    public var usageType: String
    public var match: String
    /// Priced once for all regions (`global.csv`; Price List rows without a region).
    public var isGlobal: Bool
    public var description: String

    /// The literal text before and after the placeholder, and its name (nil: an exact key).
    var prefix: String
    var suffix: String
    var placeholder: String?

    public init(
        pattern: String, service: String, unit: String, usageType: String, match: String, isGlobal: Bool,
        description: String
    ) {
        self.pattern = pattern
        self.service = service
        self.unit = unit
        self.usageType = usageType
        self.match = match
        self.isGlobal = isGlobal
        self.description = description
        if let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") {
            prefix = String(pattern[..<open])
            suffix = String(pattern[pattern.index(after: close)...])
            placeholder = String(pattern[pattern.index(after: open)..<close])
        } else {
            prefix = pattern
            suffix = ""
            placeholder = nil
        }
    }

    /// The placeholder's value when `key` is an instance of this template.
    func value(in key: String) -> String? {
        guard placeholder != nil, key.count > prefix.count + suffix.count, key.hasPrefix(prefix), key.hasSuffix(suffix)
        else { return nil }
        let value = key.dropFirst(prefix.count).dropLast(suffix.count)
        return value.allSatisfy(KeyRegistry.isValueCharacter) ? String(value) : nil
    }

    func fill(_ text: String, _ value: String?) -> String {
        guard let placeholder, let value else { return text }
        return text.replacing("{\(placeholder)}", with: value)
    }
}

/// A concrete price key with its definition's selector filled in.
public struct PriceKeySelector: Sendable {
    public var key: String
    public var definition: PriceKeyDefinition
    /// Price List usage type without the region prefix; empty when the key has none.
    public var usageType: String
    /// `Column Name=Value` filters on the Price List attributes.
    public var match: [(name: String, value: String)]
    public var description: String

    public var service: String { definition.service }
    public var unit: String { definition.unit }
    public var isGlobal: Bool { definition.isGlobal }
    /// Whether an imported AWS Price List can price this key (a sheet-only key cannot).
    public var hasPriceListSelector: Bool { !usageType.isEmpty || !match.isEmpty }
    /// The match written back as `A=B;C=D`.
    public var matchText: String { match.map { "\($0.name)=\($0.value)" }.joined(separator: ";") }
}

/// The key registry (`pricing/keys.csv`): every price key the service rules use, defined once.
/// Region sheets carry only prices; the resolver finds a key's product in any region's imported
/// Price List through the registry's selector.
public struct KeyRegistry: Sendable {
    public static let columns = ["price_key", "service", "unit", "usage_type", "match", "scope", "description"]
    public static let fileName = "keys.csv"

    public private(set) var definitions: [PriceKeyDefinition]
    private var exact: [String: Int] = [:]
    private var templates: [Int] = []

    public init(_ definitions: [PriceKeyDefinition]) {
        self.definitions = definitions
        for (i, d) in definitions.enumerated() {
            if d.placeholder == nil { exact[d.pattern] = i } else { templates.append(i) }
        }
        // The most specific template first: the longest literal text wins.
        templates.sort {
            (definitions[$0].prefix.count + definitions[$0].suffix.count)
                > (definitions[$1].prefix.count + definitions[$1].suffix.count)
        }
    }

    static func isValueCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLowercase || c.isNumber || c == "." || c == "-" || c == "_")
    }

    /// The prefix of a key that carries its own selector (the `aws_usage` type): the offer code,
    /// the usage type, the match and the expected unit (may be empty), separated by `|`.
    public static let usageKeyPrefix = "usage|"

    /// `usage|AWSLambda|Request|Group=AWS-Lambda-Requests|request`: any Price List product as a key.
    public static func usageKey(service: String, usageType: String, match: String, unit: String) -> String {
        usageKeyPrefix + service + "|" + usageType + "|" + match + "|" + unit
    }

    /// The definition of an on-demand key (commitment keys are resolved through their base key).
    public func selector(for key: String) -> PriceKeySelector? {
        if key.hasPrefix(Self.usageKeyPrefix) {
            let parts = key.dropFirst(Self.usageKeyPrefix.count).split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 4, !parts[0].isEmpty, !parts[1].isEmpty || !parts[2].isEmpty else { return nil }
            // Without a unit of its own, the product's unit is the line's.
            let d = PriceKeyDefinition(
                pattern: key, service: String(parts[0]), unit: String(parts[3]), usageType: String(parts[1]),
                match: String(parts[2]),
                isGlobal: false, description: "AWS Price List \(parts[0]) usage \(parts[1])")
            return Self.selector(key, d, value: nil)
        }
        if let i = exact[key] { return Self.selector(key, definitions[i], value: nil) }
        for i in templates {
            if let value = definitions[i].value(in: key) { return Self.selector(key, definitions[i], value: value) }
        }
        return nil
    }

    static func selector(_ key: String, _ d: PriceKeyDefinition, value: String?) -> PriceKeySelector {
        PriceKeySelector(
            key: key, definition: d, usageType: d.fill(d.usageType, value),
            match: parseMatch(d.fill(d.match, value)), description: d.fill(d.description, value))
    }

    /// `A=B;C=D` as pairs (a value may contain `=`).
    public static func parseMatch(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: ";").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
    }

    /// The unit of any key the registry knows, commitment keys included: a Reserved hourly fee is
    /// per `hour`, an upfront fee per `term`, a Savings Plan rate per the base key's unit.
    public func unit(of key: String) -> String? {
        if let c = CommitmentKey(key) {
            guard let base = selector(for: c.base) else { return nil }
            return c.unit(base: base.unit)
        }
        return selector(for: key)?.unit
    }

    /// The on-demand selector behind any key (the key itself, or a commitment key's base).
    public func baseSelector(of key: String) -> PriceKeySelector? {
        selector(for: CommitmentKey(key)?.base ?? key)
    }

    /// Key patterns and exact keys, for did-you-mean.
    public var patterns: [String] { definitions.map(\.pattern) }

    /// Offer codes with at least one Price List selector: what `catalog update` fetches.
    public var offerCodes: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for d in definitions where !d.usageType.isEmpty || !d.match.isEmpty {
            if seen.insert(d.service).inserted { out.append(d.service) }
        }
        return out.sorted()
    }

    /// Reads and validates `keys.csv`: every problem with its line, all together.
    public static func load(path: String) throws -> KeyRegistry {
        let stream = try CSVStream(path: path, hints: .pricingSheet)
        var index: [String: Int] = [:]
        var header: [String]?
        var definitions: [PriceKeyDefinition] = []
        var diagnostics: [Diagnostic] = []
        var lines: [String: Int] = [:]
        do {
            try stream.forEachRecord { rec in
                guard header != nil else {
                    let names = (0..<rec.count).map { rec.string($0) }
                    header = names
                    for (i, n) in names.enumerated() { index[n] = i }
                    if names != columns {
                        throw UserError(
                            path: path, line: rec.line, "bad header: \(names.joined(separator: ","))",
                            hint: "the header must be: " + columns.joined(separator: ","))
                    }
                    return
                }
                func col(_ name: String) -> String { rec.string(index[name]!) }
                func problem(_ column: String, _ message: String, hint: String? = nil) {
                    diagnostics.append(
                        Diagnostic(path: path, line: rec.line, message: "column '\(column)': \(message)", hint: hint))
                }
                guard rec.count == columns.count else {
                    diagnostics.append(
                        Diagnostic(
                            path: path, line: rec.line, message: "row has \(rec.count) fields, the header has \(columns.count)",
                            hint: "quote fields that contain commas"))
                    return
                }
                let key = col("price_key")
                var ok = true
                let keyShape = key.filter { $0 != "{" && $0 != "}" }
                let braces = key.filter { $0 == "{" }.count
                if key.isEmpty || !keyShape.allSatisfy({ isValueCharacter($0) && $0 != "-" }) || braces > 1
                    || key.filter({ $0 == "}" }).count != braces
                {
                    problem(
                        "price_key",
                        "'\(key)' is not a key (lower-case letters, digits, '.', '_', and at most one {placeholder})")
                    ok = false
                }
                if let earlier = lines[key] {
                    problem("price_key", "'\(key)' is defined twice (also line \(earlier))")
                    ok = false
                }
                let unit = col("unit")
                if !PriceSheets.units.contains(unit) || unit == "term" {
                    let units = PriceSheets.units.subtracting(["term"])
                    let guess = Spelling.didYouMean(unit, in: units)
                    problem("unit", "unknown unit '\(unit)'." + guess, hint: "units: " + units.sorted().joined(separator: ", "))
                    ok = false
                }
                if col("service").isEmpty {
                    problem("service", "empty (use the AWS offer code, e.g. AmazonEC2)")
                    ok = false
                }
                let match = col("match")
                if !match.isEmpty && match.split(separator: ";").contains(where: { !$0.contains("=") }) {
                    problem("match", "'\(match)' must be Column=Value pairs separated by ';'")
                    ok = false
                }
                let scope = col("scope")
                if scope != "regional" && scope != "global" {
                    problem("scope", "'\(scope)' must be regional or global")
                    ok = false
                }
                let d = PriceKeyDefinition(
                    pattern: key, service: col("service"), unit: unit, usageType: col("usage_type"), match: match,
                    isGlobal: scope == "global", description: col("description"))
                for (column, text) in [("usage_type", d.usageType), ("match", d.match), ("description", d.description)] {
                    if let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
                        let name = String(text[text.index(after: open)..<close])
                        if name != d.placeholder {
                            problem(column, "'{\(name)}' is not the key's placeholder")
                            ok = false
                        }
                    }
                }
                if ok {
                    lines[key] = rec.line
                    definitions.append(d)
                }
            }
        } catch let error as UserError {
            diagnostics.append(contentsOf: error.diagnostics)
        }
        if header == nil && diagnostics.isEmpty {
            diagnostics.append(
                Diagnostic(
                    path: path, line: 1, message: "empty key registry", hint: "the header is: " + columns.joined(separator: ",")))
        }
        if !diagnostics.isEmpty { throw UserError(diagnostics) }
        return KeyRegistry(definitions)
    }
}
