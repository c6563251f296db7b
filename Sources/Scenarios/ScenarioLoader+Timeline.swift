import CostModel
import Yams

/// `starts:` of a phase: a calendar month, months after another phase, or when its triggers
/// are due.
extension ScenarioLoader {
    /// `starts: 2027-03` (a calendar month), `starts: +6` (months after the phase it extends
    /// starts; for a phase that extends none, after the timeline's first month), `starts: +9
    /// after v1.0` (after an earlier phase), or `starts: {when: triggered, assume: +6}` (starts
    /// when its triggers are due; planned at the assumed month).
    mutating func starts(_ node: Node, earlier: [String: InputLocation]) -> PhaseStart? {
        let forms =
            "a month (2027-03), months after the phase it extends (+6) or after an earlier phase (+9 after v1.0), or {when: triggered, assume: +6}"
        if case .mapping = node {
            guard let pairs = mapping(node, "starts") else { return nil }
            let f = checkKeys(pairs, allowed: ["when", "assume"], in: "starts")
            guard let whenNode = f["when"], let assumeNode = f["assume"] else {
                error(
                    node, "starts as a mapping needs both 'when: triggered' and 'assume' (the month assumed for planning)",
                    hint: forms)
                return nil
            }
            if let w = string(whenNode, "when"), w != "triggered" {
                error(whenNode, "'when' can only be 'triggered' (the phase starts when its triggers are due)", hint: forms)
                return nil
            }
            guard let assumed = startMonth(assumeNode, forms: forms, earlier: earlier) else { return nil }
            return PhaseStart(assumed, triggered: true, location: location(node))
        }
        guard let when = startMonth(node, forms: forms, earlier: earlier) else { return nil }
        return PhaseStart(when, location: location(node))
    }

    mutating func startMonth(_ node: Node, forms: String, earlier: [String: InputLocation]) -> PhaseStart.When? {
        guard let text = string(node, "starts") else { return nil }
        if let month = YearMonth(parsing: text) {
            guard YearMonth.plausibleYears.contains(month.year) else {
                let years = YearMonth.plausibleYears
                error(
                    node, "starts: '\(text)' is outside the years orcha-cost plans (\(years.lowerBound) to \(years.upperBound))",
                    hint: "check the year; a month is written YYYY-MM, e.g. 2027-03")
                return nil
            }
            return .month(month)
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        let offset = words.first.flatMap { w -> Int? in
            guard w.hasPrefix("+"), w.count > 1, w.dropFirst().allSatisfy(\.isASCII), w.dropFirst().allSatisfy(\.isNumber) else {
                return nil
            }
            return Int(w.dropFirst()).flatMap { $0 <= 1200 ? $0 : nil }
        }
        guard let offset, words.count == 1 || (words.count == 3 && words[1] == "after") else {
            error(node, "starts: '\(text)' is not a month", hint: forms)
            return nil
        }
        guard words.count == 3 else { return .after(offset, phase: nil) }
        let reference = String(words[2])
        guard earlier[reference] != nil else {
            let guess =
                Spelling.didYouMean(reference, in: earlier.keys, abbreviated: true)
            error(
                node, "starts: '\(reference)' is not an earlier phase.\(guess)",
                hint: "a phase can start after one listed before it")
            return nil
        }
        return .after(offset, phase: reference)
    }
}
