import CostModel

/// A value of a CloudFormation template as written, with the position of every node so that
/// errors can point at it. Scalars stay text (CloudFormation itself treats `"1"` and `1` alike
/// for numeric properties); YAML short-form tags (`!Ref X`) are turned into their long form
/// (`{"Ref": "X"}`) when the file is read, so the resolver sees one shape.
public indirect enum TemplateValue: Sendable {
    case scalar(String, isNull: Bool, InputLocation)
    case list([TemplateValue], InputLocation)
    case map([(key: String, keyLocation: InputLocation, value: TemplateValue)], InputLocation)

    public var location: InputLocation {
        switch self {
        case .scalar(_, _, let l), .list(_, let l), .map(_, let l): return l
        }
    }

    /// The text of a scalar, nil for a list or a mapping.
    public var text: String? {
        if case .scalar(let s, let isNull, _) = self, !isNull { return s }
        return nil
    }

    /// The value of a mapping's key, nil when absent or when this is not a mapping.
    public subscript(key: String) -> TemplateValue? {
        if case .map(let pairs, _) = self { return pairs.first { $0.key == key }?.value }
        return nil
    }

    /// The pairs of a mapping (empty for other values).
    public var pairs: [(key: String, keyLocation: InputLocation, value: TemplateValue)] {
        if case .map(let pairs, _) = self { return pairs }
        return []
    }

    /// An intrinsic function call: a mapping of one key that is `Ref`, `Condition` or `Fn::...`.
    public var intrinsic: (name: String, argument: TemplateValue, location: InputLocation)? {
        guard case .map(let pairs, let location) = self, pairs.count == 1 else { return nil }
        let key = pairs[0].key
        guard key == "Ref" || key.hasPrefix("Fn::") else { return nil }
        return (key, pairs[0].value, location)
    }
}
