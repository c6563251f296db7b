import CostModel

/// One template of an import: its sections, the stack it belongs to, and what a parent stack
/// passes to it (a nested stack's `Parameters`).
public struct StackTemplate: Sendable {
    public struct Resource: Sendable {
        public var id: String
        public var type: String
        public var properties: TemplateValue?
        public var condition: String?
        public var location: InputLocation
        public var typeLocation: InputLocation
        public var definition: TemplateValue
    }

    public var path: String
    /// The file name, as notes and assumptions name it.
    public var file: String
    public var root: TemplateValue
    public var resources: [Resource] = []
    public var resourceIndex: [String: Int] = [:]
    public var parameters: [String: TemplateValue] = [:]
    public var mappings: TemplateValue?
    public var conditions: [String: TemplateValue] = [:]
    public var outputs: [(id: String, value: TemplateValue)] = []
    /// Values a parent stack passes (nested stacks), resolved in the parent.
    public var passed: [String: Resolved] = [:]
    /// The parent stack's index and resource id, for a nested stack.
    public var parent: (stack: Int, resource: String)?
    /// The region the CDK manifest gives this stack, if any.
    public var region: String?

    /// Reads the sections of a parsed template, with errors for sections of the wrong shape.
    public init(path: String, root: TemplateValue) throws {
        self.path = path
        self.file = path.split(separator: "/").last.map(String.init) ?? path
        self.root = root
        var errors: [Diagnostic] = []
        guard let resources = root["Resources"] else {
            throw UserError(
                [
                    root.location.diagnostic(
                        "the template has no Resources section",
                        hint: "a CloudFormation template lists its resources under Resources")
                ])
        }
        guard case .map(let pairs, _) = resources else {
            throw UserError([resources.location.diagnostic("Resources must be a mapping of logical ids to resources")])
        }
        for pair in pairs {
            guard case .map = pair.value, let type = pair.value["Type"], let typeName = type.text else {
                errors.append(pair.keyLocation.diagnostic("resource '\(pair.key)' has no Type"))
                continue
            }
            resourceIndex[pair.key] = self.resources.count
            self.resources.append(
                Resource(
                    id: pair.key, type: typeName, properties: pair.value["Properties"], condition: pair.value["Condition"]?.text,
                    location: pair.keyLocation, typeLocation: type.location, definition: pair.value))
        }
        for p in root["Parameters"]?.pairs ?? [] { parameters[p.key] = p.value }
        mappings = root["Mappings"]
        for c in root["Conditions"]?.pairs ?? [] { conditions[c.key] = c.value }
        for o in root["Outputs"]?.pairs ?? [] { outputs.append((o.key, o.value)) }
        if !errors.isEmpty { throw UserError(errors) }
    }

    public func resource(_ id: String) -> Resource? { resourceIndex[id].map { resources[$0] } }
}

/// A template value with its intrinsic functions worked out as far as the templates allow.
public indirect enum Resolved: Sendable {
    case text(String)
    case list([Resolved])
    case map([(String, Resolved)])
    /// `Ref` to a resource (its physical id is known only once deployed).
    case resource(stack: Int, id: String)
    /// `Fn::GetAtt` of a resource.
    case attribute(stack: Int, id: String, name: String)
    /// Not known from the templates; the reason says why.
    case unknown(String)
    /// `AWS::NoValue`: the property is left out.
    case noValue

    public var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    public var list: [Resolved]? {
        if case .list(let l) = self { return l }
        return nil
    }

    public subscript(key: String) -> Resolved? {
        if case .map(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    public var unknownReason: String? {
        if case .unknown(let r) = self { return r }
        return nil
    }
}
