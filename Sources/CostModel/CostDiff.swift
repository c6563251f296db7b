/// One line compared between two priced phases (matched by resource and component).
public struct LineDelta: Sendable {
    public var resource: String
    public var component: String
    public var service: String
    public var before: CostLine?
    public var after: CostLine?

    public var change: Money { (after?.monthlyCost ?? .zero) - (before?.monthlyCost ?? .zero) }
    /// `added`, `removed`, `changed` or `same`.
    public var status: String {
        switch (before, after) {
        case (nil, _): return "added"
        case (_, nil): return "removed"
        case (let b?, let a?):
            return b.monthlyCost == a.monthlyCost && b.quantity == a.quantity && b.unitPrice == a.unitPrice ? "same" : "changed"
        }
    }
}

/// Two priced phases compared: line by line, per service and in total.
public struct PhaseDiff: Sendable {
    public var beforeLabel: String
    public var afterLabel: String
    public var before: PhaseCost
    public var after: PhaseCost
    public var lines: [LineDelta]

    /// Lines match by resource and component. With `matchingTypes`, lines left over on both
    /// sides then match by resource type and component, in order (an imported scenario's
    /// template names against a roadmap's), shown as `before -> after` in the resource column.
    public init(before: PhaseCost, after: PhaseCost, beforeLabel: String, afterLabel: String, matchingTypes: Bool = false) {
        self.before = before
        self.after = after
        self.beforeLabel = beforeLabel
        self.afterLabel = afterLabel
        var lines: [LineDelta] = []
        var index: [String: Int] = [:]
        // Lines match by resource and component; a qualifier in parentheses ("instance hours
        // (reserved 1yr, no upfront)") is the same component bought another way.
        func key(_ l: CostLine) -> String {
            let base = l.component.range(of: " (").map { String(l.component[..<$0.lowerBound]) } ?? l.component
            return l.resource + "\u{0}" + base
        }
        for l in before.lines {
            index[key(l)] = lines.count
            lines.append(LineDelta(resource: l.resource, component: l.component, service: l.service, before: l, after: nil))
        }
        for l in after.lines {
            if let i = index[key(l)] {
                lines[i].after = l
                lines[i].service = l.service
            } else {
                lines.append(LineDelta(resource: l.resource, component: l.component, service: l.service, before: nil, after: l))
            }
        }
        if matchingTypes {
            func typeKey(_ l: CostLine) -> String {
                let base = l.component.range(of: " (").map { String(l.component[..<$0.lowerBound]) } ?? l.component
                return l.type + "\u{0}" + base
            }
            var open: [String: [Int]] = [:]
            for (i, d) in lines.enumerated() where d.after == nil {
                if let b = d.before { open[typeKey(b), default: []].append(i) }
            }
            var matched: Set<Int> = []
            for (j, d) in lines.enumerated() where d.before == nil {
                guard let a = d.after, var candidates = open[typeKey(a)], !candidates.isEmpty else { continue }
                let i = candidates.removeFirst()
                open[typeKey(a)] = candidates
                lines[i].after = a
                lines[i].service = a.service
                if lines[i].resource != a.resource { lines[i].resource += " -> " + a.resource }
                matched.insert(j)
            }
            lines = lines.enumerated().filter { !matched.contains($0.offset) }.map(\.element)
        }
        self.lines = lines
    }

    public var change: Money { after.monthlyCost - before.monthlyCost }

    /// The change as a percentage of the before total, with two decimals (nil when before is 0,
    /// or when the percentage is too large for Int64: 0.01 to 900000000.00 is 9 × 10^12 %).
    public var percent: Money? {
        guard before.monthlyCost.micros != 0 else { return nil }
        let p = Int128(change.micros) * 100_000_000 / Int128(before.monthlyCost.micros)  // in 10^-6 percent
        let percent = Money.checked(p)
        return percent == .overflow ? nil : percent
    }

    /// Per service: before, after, change; services in first-seen order.
    public var services: [(service: String, before: Money, after: Money)] {
        // The same lines in the same order: both sums list the services alike.
        let before = lines.sums(by: \.service) { $0.before?.monthlyCost ?? .zero }
        let after = lines.sums(by: \.service) { $0.after?.monthlyCost ?? .zero }
        return zip(before, after).map { (service: $0.0.0, before: $0.0.1, after: $0.1.1) }
    }
}

/// A threshold for `--fail-above`: an amount of money per month, or a percentage of the before
/// total.
public enum Threshold: Sendable, Equatable, CustomStringConvertible {
    case amount(Money)
    case percent(Money)

    /// `50`, `12.5` (dollars) or `10%`.
    public static func parse(_ text: String) -> Threshold? {
        let isPercent = text.hasSuffix("%")
        let number = isPercent ? String(text.dropLast()) : text
        guard case .success(let q) = Quantity.parse(number) else { return nil }
        let m = Money(micros: q.millionths)
        return isPercent ? .percent(m) : .amount(m)
    }

    /// True when the increase from before to after is above the threshold.
    public func exceeded(by diff: PhaseDiff) -> Bool {
        switch self {
        case .amount(let m): return diff.change > m
        case .percent(let p):
            guard let actual = diff.percent else { return diff.change > .zero }
            return actual > p
        }
    }

    public var description: String {
        switch self {
        case .amount(let m): return "$" + m.exactString
        case .percent(let p): return p.exactString + "%"
        }
    }
}
