/// "Did you mean ...?" suggestions by edit distance.
public enum Spelling {
    /// The candidate closest to `word` (case-insensitive Levenshtein), when close enough to be a
    /// plausible typo.
    public static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let w = Array(word.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            if best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        guard let (candidate, d) = best else { return nil }
        return d <= max(2, w.count / 3) ? candidate : nil
    }

    /// ``closest(to:in:)``, else the one candidate that begins with `word` (an abbreviation:
    /// `prod` for `production`), case-insensitive, for words of two letters or more.
    public static func closestOrAbbreviated<S: Sequence>(to word: String, in candidates: S) -> String?
    where S.Element == String {
        if let close = closest(to: word, in: candidates) { return close }
        guard word.count >= 2 else { return nil }
        let matches = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The suggestion after a message: ` did you mean 'x'?` for the closest candidate (or, with
    /// `abbreviated`, the one it abbreviates), else the empty string.
    public static func didYouMean<S: Sequence>(_ word: String, in candidates: S, abbreviated: Bool = false) -> String
    where S.Element == String {
        let guess = abbreviated ? closestOrAbbreviated(to: word, in: candidates) : closest(to: word, in: candidates)
        return guess.map { " did you mean '\($0)'?" } ?? ""
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
