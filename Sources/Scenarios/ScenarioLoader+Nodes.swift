import CostModel
import Yams

/// The YAML node reader: typed values from nodes, with a diagnostic (file, line, column) for
/// each node that is not what the grammar asks for.
extension ScenarioLoader {
    // MARK: - node helpers

    /// The pairs of a mapping node (or nil, with an error, when it is not one); rejects
    /// anchors and aliases everywhere (they make a file's meaning depend on far-away text and
    /// allow "billion laughs" expansion).
    mutating func mapping(_ node: Node, _ what: String) -> [(key: Node, value: Node)]? {
        if rejectAnchor(node) { return nil }
        guard case .mapping(let m) = node else {
            error(node, "\(what) must be a mapping (key: value lines), not \(kind(node))")
            return nil
        }
        return m.map { ($0.key, $0.value) }
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        if rejectAnchor(node) { return nil }
        guard case .sequence(let s) = node else {
            error(node, "\(what) must be a list ('- item' lines), not \(kind(node))")
            return nil
        }
        return Array(s)
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        if rejectAnchor(node) { return nil }
        guard case .scalar(let s) = node else {
            error(node, "\(what) must be a single value, not \(kind(node))")
            return nil
        }
        return s.string
    }

    /// The tags a scenario may carry (written or implied by quotes): YAML's core scalar types
    /// and collections. Others (`!!binary`, `!!timestamp`, `!custom`) would change what a value
    /// means while we read it as text, so they are errors.
    static let allowedTags: Set<String> = Set(
        ["str", "int", "float", "bool", "null", "map", "seq"].map { "tag:yaml.org,2002:" + $0 } + ["", "!"])

    /// Rejects anchors and aliases, and explicit tags other than the core ones.
    mutating func rejectAnchor(_ node: Node) -> Bool {
        let tag: String
        switch node {
        case .scalar(let s): tag = s.tag.rawValue
        case .mapping(let m): tag = m.tag.rawValue
        case .sequence(let q): tag = q.tag.rawValue
        case .alias: tag = ""
        }
        if !ScenarioLoader.allowedTags.contains(tag) {
            let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
            error(
                node, "the YAML tag '\(shown)' is not supported in scenarios",
                hint: "write the value without a tag; only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted")
            return true
        }
        if node.anchor != nil {
            error(
                node, "anchors (&name) and aliases (*name) are not supported in scenarios",
                hint: "write the values out; use 'extends' to reuse a phase")
            return true
        }
        return false
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "the value '\(s.string.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Checks the keys of a mapping against the allowed ones, with a did-you-mean.
    mutating func checkKeys(_ pairs: [(key: Node, value: Node)], allowed: [String], in what: String) -> [String: Node] {
        var out: [String: Node] = [:]
        for (k, v) in pairs {
            guard let name = string(k, "a key") else { continue }
            if allowed.contains(name) {
                out[name] = v
            } else {
                let guess = Spelling.didYouMean(name, in: allowed)
                error(k, "unknown key '\(name)' in \(what).\(guess)", hint: "allowed keys: " + allowed.joined(separator: ", "))
            }
        }
        return out
    }

    static let idCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")

    mutating func identifier(_ node: Node, _ what: String) -> String? {
        guard let s = string(node, what) else { return nil }
        if s.isEmpty || !s.lowercased().allSatisfy({ ScenarioLoader.idCharacters.contains($0) }) {
            error(node, "\(what) '\(s)' must be letters, digits, '-', '_' or '.'")
            return nil
        }
        return s
    }

    mutating func estimate(_ node: Node, _ what: String) -> Estimate? {
        guard let s = string(node, what) else { return nil }
        switch Estimate.parse(s) {
        case .success(let e):
            if e.low > e.high {
                error(node, "\(what): range '\(s)' has its low end above its high end", hint: "write low..high, e.g. 50..400")
                return nil
            }
            return e
        case .failure(let f):
            error(node, "\(what): '\(s)' is not a non-negative number or range: \(f)", hint: "e.g. 730, 0.5 or 50..400")
            return nil
        }
    }
}
