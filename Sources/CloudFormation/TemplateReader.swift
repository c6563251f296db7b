import CostModel
import Foundation
import Yams

/// Reads a CloudFormation template, JSON or YAML, into a ``TemplateValue`` tree with line and
/// column for every node. JSON is read by the same YAML parser (JSON is YAML 1.2's flow style),
/// so both give positions; YAML short-form tags (`!Ref`, `!GetAtt`, `!Sub`, ...) become their
/// long forms.
public enum TemplateReader {
    /// The largest template read: 1 MiB, CloudFormation's own limit for a template body given
    /// through S3 (a body passed inline may be 51,200 bytes; CDK apps routinely exceed that and
    /// upload through S3, so the larger limit is the one real templates live under).
    public static let maxBytes = 1_048_576

    /// Short-form tags and the long-form function each stands for.
    static let shortForms: [String: String] = [
        "!Ref": "Ref", "!Condition": "Condition", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!If": "Fn::If",
        "!Join": "Fn::Join", "!Select": "Fn::Select", "!FindInMap": "Fn::FindInMap", "!Equals": "Fn::Equals",
        "!And": "Fn::And", "!Or": "Fn::Or", "!Not": "Fn::Not", "!Split": "Fn::Split", "!GetAZs": "Fn::GetAZs",
        "!ImportValue": "Fn::ImportValue", "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform",
        "!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString", "!ForEach": "Fn::ForEach",
    ]

    static let coreTags: Set<String> = Set(
        ["str", "int", "float", "bool", "null", "map", "seq"].map { "tag:yaml.org,2002:" + $0 } + ["", "!"])

    /// Reads and parses a template file; errors are `path:line:col` diagnostics (exit 65), a
    /// missing file exit 66.
    public static func read(path: String) throws -> TemplateValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                throw UserError(
                    path: path, isDir.boolValue ? "is a directory, not a template file" : "cannot read the file",
                    status: .noInput)
            }
            throw UserError(
                path: path, "no such template file", hint: "cdk synth writes templates to cdk.out/*.template.json",
                status: .noInput)
        }
        if data.count > maxBytes {
            throw UserError(
                path: path, line: 1, column: 1,
                "the template is \(data.count) bytes, over the limit of \(maxBytes) bytes (1 MiB, CloudFormation's own limit for a template body in S3)",
                hint: "split the stack into nested stacks, as CloudFormation would require")
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw UserError(path: path, line: 1, column: 1, "the file is not valid UTF-8 text", hint: "save it as UTF-8")
        }
        return try parse(text, path: path)
    }

    /// Parses template text (JSON or YAML).
    public static func parse(_ text: String, path: String) throws -> TemplateValue {
        if text.utf8.contains(0) {
            throw UserError(path: path, line: 1, column: 1, "the file contains NUL bytes: it is binary data, not a template")
        }
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw UserError([diagnostic(for: error, path: path, text: text)])
        } catch {
            throw UserError(path: path, line: 1, column: 1, "cannot read the template: \(error)")
        }
        guard let root else {
            throw UserError(
                path: path, line: 1, column: 1, "empty template",
                hint: "a template is a JSON or YAML mapping with a Resources section")
        }
        var errors: [Diagnostic] = []
        let value = withExtendedLifetime(parser) { convert(root, path: path, errors: &errors) }
        if !errors.isEmpty { throw UserError(errors) }
        guard case .map = value else {
            throw UserError(
                [
                    value.location.diagnostic(
                        "a template must be a mapping with a Resources section, not \(describe(value))",
                        hint: "is this a CloudFormation template? cdk synth writes them to cdk.out/*.template.json")
                ])
        }
        return value
    }

    static func describe(_ value: TemplateValue) -> String {
        switch value {
        case .scalar(let s, _, _): return "the text '\(s.prefix(40))'"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }

    static func diagnostic(for error: YamlError, path: String, text: String) -> Diagnostic {
        let json = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }.first.map { $0 == "{" || $0 == "[" } ?? false
        let kind = json ? "JSON" : "YAML"
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Diagnostic(
                path: path, line: mark.line, column: mark.column, message: "not valid \(kind): \(problem)",
                hint: "a template is JSON or YAML (what cdk synth or the CloudFormation console writes)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                path: path, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                hint: "CloudFormation refuses a template with a key given twice")
        case .reader(let problem, _, _, _):
            return Diagnostic(path: path, line: 1, column: 1, message: "cannot read the template: \(problem)")
        default:
            return Diagnostic(path: path, line: 1, column: 1, message: "cannot read the template: \(error)")
        }
    }

    static func location(_ node: Node, path: String) -> InputLocation {
        InputLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    static func convert(_ node: Node, path: String, errors: inout [Diagnostic], depth: Int = 0) -> TemplateValue {
        let at = location(node, path: path)
        if depth > 200 {
            errors.append(at.diagnostic("the template nests deeper than 200 levels"))
            return .scalar("", isNull: true, at)
        }
        if node.anchor != nil || { if case .alias = node { return true } else { return false } }() {
            errors.append(
                at.diagnostic(
                    "anchors (&name) and aliases (*name) are not supported",
                    hint: "CloudFormation does not accept YAML aliases either: write the values out"))
            return .scalar("", isNull: true, at)
        }
        let tag: String
        switch node {
        case .scalar(let s): tag = s.tag.rawValue
        case .mapping(let m): tag = m.tag.rawValue
        case .sequence(let q): tag = q.tag.rawValue
        case .alias: tag = ""
        }
        var plain: TemplateValue
        switch node {
        case .scalar(let s):
            let isNull = s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) && tag == ""
            plain = .scalar(s.string, isNull: isNull, at)
        case .sequence(let q):
            plain = .list(q.map { convert($0, path: path, errors: &errors, depth: depth + 1) }, at)
        case .mapping(let m):
            var pairs: [(key: String, keyLocation: InputLocation, value: TemplateValue)] = []
            for (k, v) in m {
                let keyAt = location(k, path: path)
                guard case .scalar(let ks) = k else {
                    errors.append(keyAt.diagnostic("a mapping key must be text, not a list or mapping"))
                    continue
                }
                pairs.append((ks.string, keyAt, convert(v, path: path, errors: &errors, depth: depth + 1)))
            }
            plain = .map(pairs, at)
        case .alias:
            plain = .scalar("", isNull: true, at)
        }
        if coreTags.contains(tag) { return plain }
        guard let function = shortForms[tag] else {
            let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
            let guess = Spelling.didYouMean(shown, in: shortForms.keys)
            errors.append(
                at.diagnostic(
                    "unknown intrinsic function tag '\(shown)'.\(guess)",
                    hint: "CloudFormation's short forms: \(shortForms.keys.sorted().joined(separator: ", "))"))
            return .scalar("", isNull: true, at)
        }
        // `!GetAtt A.B` is the short form of ["A", "B"].
        if function == "Fn::GetAtt", case .scalar(let s, _, let l) = plain, let dot = s.firstIndex(of: ".") {
            plain = .list(
                [.scalar(String(s[..<dot]), isNull: false, l), .scalar(String(s[s.index(after: dot)...]), isNull: false, l)], l)
        }
        return .map([(function, at, plain)], at)
    }
}
