import CostModel
import Foundation

/// Works out intrinsic functions across the templates of one import: parameter defaults (or
/// what a parent stack passes), pseudo parameters (`AWS::Region` from the import's region),
/// `Ref`/`Fn::GetAtt` to resources, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`,
/// `Fn::FindInMap`, `Fn::If` on conditions that resolve, `Fn::GetAZs`, `Fn::ImportValue`
/// (another template's export). What the templates cannot tell is `.unknown` with a reason.
public struct Resolver {
    public var stacks: [StackTemplate]
    public let region: String
    /// The region's AZs when a CDK context file names them (`cdk.context.json`), else nil:
    /// `Fn::GetAZs` then gives three.
    public var zones: [String]?
    /// Set when a count came from `Fn::GetAZs` taken as three AZs (`Fn::Length` of it, or an
    /// `Fn::Select` past its third); the mapper resets it per resource and says so.
    public var countFromGetAZs = false
    var conditionsInProgress: Set<String> = []
    var importsInProgress: Set<String> = []

    public init(stacks: [StackTemplate], region: String) {
        self.stacks = stacks
        self.region = region
    }

    static let pseudo: Set<String> = [
        "AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::URLSuffix", "AWS::StackName", "AWS::StackId",
        "AWS::NoValue", "AWS::NotificationARNs",
    ]

    /// The functions a template may use (`Fn::Contains` and friends live in Rules only).
    static let functions: Set<String> = [
        "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::If", "Fn::Equals",
        "Fn::And", "Fn::Or", "Fn::Not", "Fn::GetAZs", "Fn::ImportValue", "Fn::Base64", "Fn::Cidr", "Fn::Transform",
        "Fn::Length", "Fn::ToJsonString", "Fn::ForEach",
    ]

    // MARK: - resolution

    var depth = 0

    public mutating func resolve(_ value: TemplateValue, in stack: Int) -> Resolved {
        // Templates nest at most 200 levels (TemplateReader); this bounds chains of references.
        depth += 1
        defer { depth -= 1 }
        if depth > 400 { return .unknown("references nest too deeply to follow") }
        if let call = value.intrinsic { return evaluate(call.name, call.argument, in: stack) }
        switch value {
        case .scalar(let s, let isNull, _): return isNull ? .noValue : .text(s)
        case .list(let items, _):
            return .list(
                items.map { resolve($0, in: stack) }.filter { if case .noValue = $0 { return false } else { return true } })
        case .map(let pairs, _):
            return .map(
                pairs.compactMap { pair in
                    let v = resolve(pair.value, in: stack)
                    if case .noValue = v { return nil }
                    return (pair.key, v)
                })
        }
    }

    mutating func evaluate(_ name: String, _ arg: TemplateValue, in stack: Int) -> Resolved {
        let file = stacks[stack].file
        switch name {
        case "Ref":
            guard let target = arg.text else { return .unknown("a Ref to a computed name") }
            return ref(target, in: stack)
        case "Fn::GetAtt":
            var parts: [String] = []
            if case .list(let items, _) = arg { parts = items.compactMap { resolve($0, in: stack).text } }
            guard parts.count == 2 else { return .unknown("a GetAtt with a computed name") }
            return .attribute(stack: stack, id: parts[0], name: parts[1])
        case "Fn::Sub":
            var template: String?
            var vars: [String: Resolved] = [:]
            if let s = arg.text {
                template = s
            } else if case .list(let items, _) = arg, items.count == 2 {
                template = items[0].text
                for p in items[1].pairs { vars[p.key] = resolve(p.value, in: stack) }
            }
            guard let template else { return .unknown("an Fn::Sub that is not text") }
            return substitute(template, vars: vars, in: stack)
        case "Fn::Join":
            guard case .list(let items, _) = arg, items.count == 2, let sep = resolve(items[0], in: stack).text else {
                return .unknown("an Fn::Join of a computed separator")
            }
            guard let parts = resolve(items[1], in: stack).list else { return .unknown("an Fn::Join of a computed list") }
            var out: [String] = []
            for p in parts {
                guard let s = p.text else { return .unknown("an Fn::Join of values known only when deployed (\(describe(p)))") }
                out.append(s)
            }
            return .text(out.joined(separator: sep))
        case "Fn::Select":
            guard case .list(let items, _) = arg, items.count == 2, let i = resolve(items[0], in: stack).text.flatMap({ Int($0) })
            else { return .unknown("an Fn::Select with a computed index") }
            let list = resolve(items[1], in: stack)
            guard let l = list.list else { return .unknown("an Fn::Select from \(describe(list))") }
            if i >= l.count && items[1].intrinsic?.name == "Fn::GetAZs" && zones == nil { countFromGetAZs = true }
            return i >= 0 && i < l.count ? l[i] : .unknown("Fn::Select index \(i) of a list of \(l.count)")
        case "Fn::Split":
            guard case .list(let items, _) = arg, items.count == 2, let sep = resolve(items[0], in: stack).text,
                !sep.isEmpty, let s = resolve(items[1], in: stack).text
            else { return .unknown("an Fn::Split of a computed value") }
            return .list(s.components(separatedBy: sep).map { .text($0) })
        case "Fn::GetAZs":
            // Each region has at least three AZs today (us-west-1 has two usable for new
            // accounts); the count a template takes with Fn::Select is what it uses.
            return .list((zones ?? ["a", "b", "c"].map { region + $0 }).map { .text($0) })
        case "Fn::FindInMap":
            guard case .list(let items, _) = arg, items.count >= 3 else { return .unknown("a malformed Fn::FindInMap") }
            let keys = items.prefix(3).map { resolve($0, in: stack).text }
            guard let m = keys[0], let k1 = keys[1], let k2 = keys[2] else {
                return .unknown("an Fn::FindInMap with a computed key")
            }
            guard let v = stacks[stack].mappings?[m]?[k1]?[k2].map(Self.literal) else {
                if items.count == 4, let d = items[3]["DefaultValue"] { return resolve(d, in: stack) }
                return .unknown("Fn::FindInMap [\(m), \(k1), \(k2)] is not in the Mappings of \(file)")
            }
            return v
        case "Fn::If":
            guard case .list(let items, _) = arg, items.count == 3, let c = items[0].text else {
                return .unknown("a malformed Fn::If")
            }
            switch condition(c, in: stack) {
            case .some(true): return resolve(items[1], in: stack)
            case .some(false): return resolve(items[2], in: stack)
            case nil: return .unknown("condition '\(c)' of \(file) depends on values known only when deployed")
            }
        case "Fn::ImportValue":
            guard let exportName = resolve(arg, in: stack).text else { return .unknown("an Fn::ImportValue of a computed name") }
            return importValue(exportName)
        case "Fn::Base64": return resolve(arg, in: stack)
        case "Fn::Length":
            if arg.intrinsic?.name == "Fn::GetAZs" && zones == nil { countFromGetAZs = true }
            return resolve(arg, in: stack).list.map { .text(String($0.count)) } ?? .unknown("Fn::Length of a computed list")
        default:
            return .unknown("\(name) is worked out by CloudFormation when deploying")
        }
    }

    /// The AZs a CDK context file (`cdk.context.json` beside the templates or one folder up,
    /// where `cdk synth` keeps it) names for the region, if any.
    public static func cdkZones(templates: [String], region: String) -> [String]? {
        for path in templates {
            let dir = (path as NSString).deletingLastPathComponent
            for folder in [dir.isEmpty ? "." : dir, (dir.isEmpty ? ".." : dir + "/..")] {
                guard let data = FileManager.default.contents(atPath: folder + "/cdk.context.json"), data.count < 16_000_000,
                    let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                else { continue }
                for (key, value) in json.sorted(by: { $0.key < $1.key })
                where key.hasPrefix("availability-zones:") && key.hasSuffix(":region=\(region)") {
                    if let zones = value as? [String], !zones.isEmpty { return zones }
                }
            }
        }
        return nil
    }

    mutating func ref(_ target: String, in stack: Int) -> Resolved {
        let s = stacks[stack]
        switch target {
        case "AWS::Region": return .text(region)
        case "AWS::Partition": return .text("aws")
        case "AWS::URLSuffix": return .text("amazonaws.com")
        case "AWS::NoValue": return .noValue
        case "AWS::StackName": return .text(s.file.components(separatedBy: ".").first ?? s.file)
        case "AWS::AccountId": return .unknown("AWS::AccountId is the deploying account")
        default: break
        }
        if let v = s.passed[target] { return v }
        if let p = s.parameters[target] {
            let type = p["Type"]?.text ?? "String"
            guard let d = p["Default"] else { return .unknown("parameter '\(target)' of \(s.file) has no default") }
            if type.hasPrefix("AWS::SSM::Parameter::Value") {
                return .unknown("parameter '\(target)' of \(s.file) is read from SSM Parameter Store when deploying")
            }
            let value = Self.literal(d)
            if type.hasPrefix("List<") || type == "CommaDelimitedList", let t = value.text {
                return .list(t.split(separator: ",").map { .text($0.trimmingCharacters(in: .whitespaces)) })
            }
            return value
        }
        if s.resourceIndex[target] != nil { return .resource(stack: stack, id: target) }
        return .unknown("'\(target)' is not defined")
    }

    /// A value where CloudFormation allows no functions (parameter defaults, mappings).
    static func literal(_ value: TemplateValue) -> Resolved {
        if value.intrinsic != nil { return .unknown("intrinsic functions are not allowed there") }
        switch value {
        case .scalar(let s, let isNull, _): return isNull ? .noValue : .text(s)
        case .list(let items, _): return .list(items.map(literal))
        case .map(let pairs, _): return .map(pairs.map { ($0.key, literal($0.value)) })
        }
    }

    mutating func substitute(_ template: String, vars: [String: Resolved], in stack: Int) -> Resolved {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            if after.hasPrefix("!") {
                out += "${"
                rest = after.dropFirst()
                continue
            }
            guard let close = after.firstIndex(of: "}") else {
                out += rest[open.lowerBound...]
                rest = ""
                break
            }
            let name = String(after[..<close])
            rest = after[after.index(after: close)...]
            let value: Resolved
            if let v = vars[name] {
                value = v
            } else if let dot = name.firstIndex(of: "."), stacks[stack].resourceIndex[String(name[..<dot])] != nil {
                value = .attribute(stack: stack, id: String(name[..<dot]), name: String(name[name.index(after: dot)...]))
            } else {
                value = ref(name, in: stack)
            }
            guard let t = value.text else { return .unknown("Fn::Sub '\(template)': ${\(name)} is \(describe(value))") }
            out += t
        }
        return .text(out + rest)
    }

    /// A condition's value, nil when it depends on something unknown.
    public mutating func condition(_ name: String, in stack: Int) -> Bool? {
        guard let c = stacks[stack].conditions[name] else { return nil }
        let key = "\(stack)/\(name)"
        if conditionsInProgress.contains(key) { return nil }
        conditionsInProgress.insert(key)
        defer { conditionsInProgress.remove(key) }
        return truth(c, in: stack)
    }

    mutating func truth(_ value: TemplateValue, in stack: Int) -> Bool? {
        if let t = value.text { return t == "true" ? true : t == "false" ? false : nil }
        if case .map(let pairs, _) = value, pairs.count == 1, pairs[0].key == "Condition", let n = pairs[0].value.text {
            return condition(n, in: stack)
        }
        guard let call = value.intrinsic, case .list(let items, _) = call.argument else { return nil }
        switch call.name {
        case "Fn::Equals":
            guard items.count == 2 else { return nil }
            let a = resolve(items[0], in: stack)
            let b = resolve(items[1], in: stack)
            guard let x = a.text, let y = b.text else { return nil }
            return x == y
        case "Fn::Not": return items.count == 1 ? truth(items[0], in: stack).map { !$0 } : nil
        case "Fn::And":
            let vs = items.map { truth($0, in: stack) }
            if vs.contains(false) { return false }
            return vs.contains(nil) ? nil : true
        case "Fn::Or":
            let vs = items.map { truth($0, in: stack) }
            if vs.contains(true) { return true }
            return vs.contains(nil) ? nil : false
        default: return nil
        }
    }

    mutating func importValue(_ name: String) -> Resolved {
        if importsInProgress.contains(name) { return .unknown("export '\(name)' refers to itself") }
        importsInProgress.insert(name)
        defer { importsInProgress.remove(name) }
        for (i, s) in stacks.enumerated() {
            for o in s.outputs {
                if let e = o.value["Export"]?["Name"], resolve(e, in: i).text == name, let v = o.value["Value"] {
                    return resolve(v, in: i)
                }
            }
        }
        return .unknown("export '\(name)' is in none of the templates given")
    }

    func describe(_ v: Resolved) -> String {
        switch v {
        case .text(let s): return "'\(s)'"
        case .list: return "a list"
        case .map: return "a mapping"
        case .resource(_, let id): return "the id of resource \(id), known only when deployed"
        case .attribute(_, let id, let n): return "\(id).\(n), known only when deployed"
        case .unknown(let r): return "unknown (\(r))"
        case .noValue: return "AWS::NoValue"
        }
    }
}
