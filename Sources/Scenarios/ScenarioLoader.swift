import CostModel
import Foundation
import Yams

/// Reads a scenario YAML file into a ``Scenario``, collecting every structural problem of the
/// file (unknown keys, wrong types, bad numbers, duplicate ids, bad `extends`) as
/// `path:line:col` diagnostics before giving up, as a compiler does.
public struct ScenarioLoader {
    public static let topKeys = [
        "name", "description", "provider", "region", "currency", "hours_per_month", "free_tier", "tags", "usage", "phases",
        "budgets",
    ]
    public static let phaseKeys = [
        "id", "name", "description", "extends", "resources", "add", "remove", "change", "usage", "tenants", "per_tenant",
        "triggers", "starts",
    ]
    public static let usageKeys = ["value", "unit", "description", "distribution", "mode", "p50", "p90"]

    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    /// Loads and validates the structure of a scenario file.
    public static func load(path: String) throws -> Scenario {
        let (scenario, diagnostics) = try loadPartial(path: path)
        if !diagnostics.isEmpty { throw UserError(diagnostics) }
        return scenario!
    }

    /// Like ``load(path:)``, but returns what could be read together with the problems found,
    /// so later checks can report theirs in the same run. Throws only when nothing can be read.
    public static func loadPartial(path: String) throws -> (Scenario?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                throw UserError(
                    path: path, isDir.boolValue ? "is a directory, not a scenario file" : "cannot read the file",
                    status: .noInput)
            }
            throw UserError(
                path: path, "no such scenario file", hint: "the shipped scenarios are in scenarios/", status: .noInput)
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw UserError(path: path, line: 1, "the file is not valid UTF-8 text", hint: "save it as UTF-8")
        }
        return try parsePartial(text, path: path)
    }

    /// Parses scenario text (for tests and for files already read).
    public static func parse(_ text: String, path: String) throws -> Scenario {
        let (scenario, diagnostics) = try parsePartial(text, path: path)
        if !diagnostics.isEmpty { throw UserError(diagnostics) }
        return scenario!
    }

    public static func parsePartial(_ text: String, path: String) throws -> (Scenario?, [Diagnostic]) {
        var loader = ScenarioLoader(path: path)
        if text.utf8.contains(0) {
            throw UserError(path: path, line: 1, "the file contains NUL bytes: it is binary data, not YAML")
        }
        let node: Node?
        let parser: Parser
        do {
            // The parser owns the anchors (nodes hold them weakly): keep it alive while walking
            // the tree so that anchored and aliased nodes can be recognised and rejected.
            // Scalars are typed by us, not by regexes; the encoding is given, not read from the
            // environment.
            parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            node = try parser.singleRoot()
        } catch let error as YamlError {
            var d = loader.diagnostic(for: error)
            // libyaml says "cannot start any token" for a tab in the indentation: say so.
            if let line = d.line, line >= 1 {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                if line <= lines.count, lines[line - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                    d.message = "a tab character in the indentation: YAML indents with spaces only"
                    d.hint = "replace the tabs at the start of line \(line) with spaces"
                }
            }
            throw UserError([d])
        } catch {
            throw UserError(path: path, line: 1, "cannot read YAML: \(error)")
        }
        guard let root = node else {
            throw UserError(
                path: path, line: 1, "empty scenario file",
                hint: "a scenario needs at least name, region and phases; see README, 'Scenario format'")
        }
        let scenario = withExtendedLifetime(parser) { loader.scenario(root) }
        return (scenario, loader.diagnostics)
    }

    // MARK: - diagnostics

    func location(_ node: Node) -> InputLocation {
        InputLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func error(_ node: Node, _ message: String, hint: String? = nil) {
        diagnostics.append(location(node).diagnostic(message, hint: hint))
    }

    func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            var hint = "check indentation and quoting around this position"
            if problem.contains("tab") { hint = "indent with spaces; YAML does not allow tabs for indentation" }
            return Diagnostic(path: path, line: mark.line, column: mark.column, message: message, hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                path: path, line: context.mark.line, column: context.mark.column,
                message:
                    "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                hint: "each key may appear once; the second one would silently replace the first")
        case .reader(let problem, _, _, _):
            return Diagnostic(
                path: path, line: 1, column: 1, message: "cannot read YAML: \(problem)", hint: "save the file as UTF-8")
        default:
            return Diagnostic(path: path, line: 1, column: 1, message: "cannot read YAML: \(error)")
        }
    }
}
