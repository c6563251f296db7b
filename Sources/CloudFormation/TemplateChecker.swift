import CostModel

/// Checks every intrinsic function of a template before anything is resolved: known function
/// names, `Ref`/`Fn::GetAtt`/`${...}` targets that exist, `Fn::If` and `Condition` names that
/// exist, and no circular reference between resources (CloudFormation refuses those too).
struct TemplateChecker {
    let stack: StackTemplate
    var errors: [Diagnostic] = []
    /// Resource -> resources it refers to, with where.
    var edges: [String: [(String, InputLocation)]] = [:]
    var conditionEdges: [String: [(String, InputLocation)]] = [:]

    init(_ stack: StackTemplate) { self.stack = stack }

    static func check(_ stack: StackTemplate) -> [Diagnostic] {
        var c = TemplateChecker(stack)
        for r in stack.resources {
            var refs: [(String, InputLocation)] = []
            c.walk(r.definition, refs: &refs)
            if let d = r.definition["DependsOn"] {
                let names: [TemplateValue] = { if case .list(let l, _) = d { return l } else { return [d] } }()
                for n in names {
                    guard let t = n.text else { continue }
                    if stack.resourceIndex[t] == nil {
                        c.missing(t, at: n.location, what: "DependsOn names")
                    } else {
                        refs.append((t, n.location))
                    }
                }
            }
            if let cond = r.condition, stack.conditions[cond] == nil {
                c.errors.append(
                    (r.definition["Condition"]?.location ?? r.location).diagnostic(
                        "resource '\(r.id)' has Condition '\(cond)', which is not in the template's Conditions"))
            }
            c.edges[r.id] = refs.filter { stack.resourceIndex[$0.0] != nil }
        }
        for o in stack.outputs {
            var refs: [(String, InputLocation)] = []
            c.walk(o.value, refs: &refs)
        }
        for (name, value) in stack.conditions {
            var refs: [(String, InputLocation)] = []
            c.walk(value, refs: &refs, inCondition: true)
            c.conditionEdges[name] = refs
        }
        c.findCycles(c.edges, what: "resources")
        c.findCycles(c.conditionEdges, what: "conditions")
        return c.errors.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
    }

    mutating func missing(_ name: String, at: InputLocation, what: String) {
        let candidates = Array(stack.resourceIndex.keys) + Array(stack.parameters.keys) + Array(Resolver.pseudo)
        let guess = Spelling.didYouMean(name, in: candidates)
        errors.append(
            at.diagnostic(
                "\(what) '\(name)', which is not a parameter, resource or pseudo parameter of this template.\(guess)",
                hint: "define it under Parameters or Resources, or give the template that defines it"))
    }

    mutating func walk(_ value: TemplateValue, refs: inout [(String, InputLocation)], inCondition: Bool = false) {
        switch value {
        case .scalar: return
        case .list(let items, _):
            for i in items { walk(i, refs: &refs, inCondition: inCondition) }
        case .map(let pairs, let at):
            if pairs.count == 1 {
                let key = pairs[0].key
                let arg = pairs[0].value
                if key == "Condition" && inCondition {
                    if let n = arg.text {
                        if stack.conditions[n] == nil {
                            errors.append(arg.location.diagnostic("Condition '\(n)' is not in the template's Conditions"))
                        } else {
                            refs.append((n, arg.location))
                        }
                    }
                    return
                }
                if key.hasPrefix("Fn::") || key == "Ref" {
                    guard Resolver.functions.contains(key) else {
                        let guess = Spelling.didYouMean(key, in: Resolver.functions)
                        errors.append(
                            pairs[0].keyLocation.diagnostic(
                                "unknown intrinsic function '\(key)'.\(guess)",
                                hint: "CloudFormation's functions: \(Resolver.functions.sorted().joined(separator: ", "))"))
                        return
                    }
                    call(key, arg, at: at, refs: &refs)
                    return
                }
            }
            for p in pairs { walk(p.value, refs: &refs, inCondition: inCondition) }
        }
    }

    mutating func call(_ name: String, _ arg: TemplateValue, at: InputLocation, refs: inout [(String, InputLocation)]) {
        switch name {
        case "Ref":
            guard let t = arg.text else {
                errors.append(arg.location.diagnostic("Ref takes the name of a parameter or resource, not \(shape(arg))"))
                return
            }
            if stack.resourceIndex[t] != nil {
                refs.append((t, arg.location))
            } else if stack.parameters[t] == nil && !Resolver.pseudo.contains(t) {
                missing(t, at: arg.location, what: "Ref to")
            }
        case "Fn::GetAtt":
            var target: String?
            if case .list(let items, _) = arg, items.count == 2 {
                target = items[0].text
                walk(items[1], refs: &refs)
            }
            guard let t = target else {
                errors.append(arg.location.diagnostic("Fn::GetAtt takes [resource, attribute], not \(shape(arg))"))
                return
            }
            if stack.resourceIndex[t] == nil {
                missing(t, at: arg.location, what: "Fn::GetAtt of")
            } else {
                refs.append((t, arg.location))
            }
        case "Fn::Sub":
            var template: TemplateValue = arg
            var local: Set<String> = []
            if case .list(let items, _) = arg, items.count == 2 {
                template = items[0]
                for p in items[1].pairs {
                    local.insert(p.key)
                    walk(p.value, refs: &refs)
                }
            }
            guard let text = template.text else {
                errors.append(arg.location.diagnostic("Fn::Sub takes a text or [text, {variables}], not \(shape(arg))"))
                return
            }
            for name in Self.subNames(text) where !local.contains(name) {
                let base = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
                if stack.resourceIndex[base] != nil {
                    refs.append((base, template.location))
                } else if name.contains(".") || (stack.parameters[name] == nil && !Resolver.pseudo.contains(name)) {
                    missing(base, at: template.location, what: "Fn::Sub refers to")
                }
            }
        case "Fn::If":
            guard case .list(let items, _) = arg, items.count == 3, let c = items[0].text else {
                errors.append(arg.location.diagnostic("Fn::If takes [condition, value if true, value if false]"))
                return
            }
            if stack.conditions[c] == nil {
                errors.append(
                    items[0].location.diagnostic("Fn::If names condition '\(c)', which is not in the template's Conditions"))
            }
            walk(items[1], refs: &refs)
            walk(items[2], refs: &refs)
        default:
            walk(arg, refs: &refs, inCondition: ["Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not"].contains(name))
        }
    }

    func shape(_ v: TemplateValue) -> String {
        switch v {
        case .scalar(let s, _, _): return "'\(s.prefix(40))'"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }

    /// The `${Name}` references of an Fn::Sub text (`${!Literal}` is not one).
    static func subNames(_ text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else { break }
            if !after.hasPrefix("!") { names.append(String(after[..<close])) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// A cycle as `A -> B -> A`, its middle left out when it is long.
    static func shown(_ cycle: [String]) -> String {
        guard cycle.count > 12 else { return cycle.joined(separator: " -> ") }
        return (cycle.prefix(5) + ["... (\(cycle.count - 1) in all)"] + cycle.suffix(3)).joined(separator: " -> ")
    }

    /// Reports each cycle once, at the reference that closes it. Iterative, so a template of
    /// thousands of chained resources cannot exhaust the stack.
    mutating func findCycles(_ graph: [String: [(String, InputLocation)]], what: String) {
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        var reported: Set<String> = []
        for root in graph.keys.sorted() where state[root] == nil {
            var path: [String] = [root]
            var next: [Int] = [0]
            state[root] = 1
            while let node = path.last {
                let edges = graph[node] ?? []
                let i = next[next.count - 1]
                guard i < edges.count else {
                    state[node] = 2
                    path.removeLast()
                    next.removeLast()
                    continue
                }
                next[next.count - 1] = i + 1
                let (target, at) = edges[i]
                if state[target] == 1 {
                    let cycle = Array(path[(path.firstIndex(of: target) ?? 0)...]) + [target]
                    if reported.insert(Set(cycle).sorted().joined(separator: ",")).inserted {
                        errors.append(
                            at.diagnostic(
                                "circular reference between \(what): \(Self.shown(cycle))",
                                hint:
                                    "CloudFormation cannot create \(what) that depend on each other; remove one of the references"
                            ))
                    }
                } else if state[target] == nil {
                    state[target] = 1
                    path.append(target)
                    next.append(0)
                }
            }
        }
    }
}
