/// The roadmap as months: which phase runs in each month, from the phases' `starts:`.
public struct Timeline: Sendable {
    /// When a phase starts on the timeline.
    public struct Start: Sendable, Equatable {
        public var phase: String
        public var month: YearMonth
        /// Starts when its triggers are due; `month` is the month assumed for planning.
        public var triggered: Bool
    }

    /// The most months a timeline covers (`--months`, and the default up to the last start + 12).
    public static let maximumMonths = 1200

    /// The months covered, consecutive.
    public var months: [YearMonth]
    /// For each month, the id of the phase running in it (nil before the first phase starts).
    public var phases: [String?]
    /// The scheduled phases in the order they start.
    public var starts: [Start]

    /// Checks the phases' `starts:` for what is wrong whatever the first month (two phases in
    /// one month, a phase before the one it extends, `+N` after a phase without a start). A
    /// scenario without any `starts:` passes: it is simply not on a timeline.
    public static func check(_ scenario: Scenario) throws {
        guard scenario.phases.contains(where: { $0.starts != nil }) else { return }
        _ = try build(scenario, start: YearMonth(year: 2000, month: 1), months: 1)
    }

    /// The phases running in `months` months from `start`. `start` defaults to the earliest
    /// calendar month a phase gives; `months` to the months up to the last phase's start plus
    /// 12. A month runs the latest phase started by then; phases without `starts:` are not on
    /// the timeline.
    public static func build(_ scenario: Scenario, start: YearMonth?, months: Int?) throws -> Timeline {
        let scheduled = scenario.phases.filter { $0.starts != nil }
        guard let firstPhase = scenario.phases.first else {
            throw UserError(path: scenario.path, "the scenario has no phases")
        }
        if scheduled.isEmpty {
            throw UserError(
                [
                    firstPhase.location.diagnostic(
                        "no phase of the scenario says when it starts, so there is no timeline",
                        hint:
                            "give phases 'starts:' (e.g. starts: +0 for the first, starts: +6 for one six months later); see README, 'Timeline'"
                    )
                ])
        }
        let absolute = scheduled.compactMap { p -> YearMonth? in
            if case .month(let m) = p.starts!.when { return m }
            return nil
        }
        guard let first = start ?? absolute.min() else {
            throw UserError(
                message:
                    "\(scenario.path): the phases start at months relative to the timeline's first month: give it with --start YYYY-MM",
                hint: "e.g. --start 2027-01", status: .usage)
        }
        var startOf: [String: YearMonth] = [:]
        var phaseIn: [YearMonth: String] = [:]
        var problems: [Diagnostic] = []
        for phase in scheduled {
            let s = phase.starts!
            let month: YearMonth
            switch s.when {
            case .month(let m):
                month = m
            case .after(let n, let reference):
                if let reference = reference ?? phase.extends {
                    guard let referenceStart = startOf[reference] else {
                        problems.append(
                            s.location.diagnostic(
                                "phase '\(phase.id)' starts +\(n) months after '\(reference)', which has no 'starts:'",
                                hint: "give '\(reference)' a start too, or give this phase a calendar month (starts: 2027-03)"))
                        continue
                    }
                    month = referenceStart.adding(months: n)
                } else {
                    month = first.adding(months: n)
                }
            }
            if let parent = phase.extends, let parentStart = startOf[parent], month < parentStart {
                problems.append(
                    s.location.diagnostic(
                        "phase '\(phase.id)' starts in \(month), before '\(parent)', which it extends, starts (\(parentStart))",
                        hint: "a phase builds on the one it extends, so it starts in the same month or later"))
            }
            if let clash = phaseIn[month] {
                problems.append(
                    s.location.diagnostic(
                        "phases '\(clash)' and '\(phase.id)' both start in \(month); a month runs one phase",
                        hint: "move one of them to another month"))
            } else {
                phaseIn[month] = phase.id
            }
            startOf[phase.id] = month
        }
        if !problems.isEmpty { throw UserError(problems) }
        let starts = scheduled.compactMap { p in
            startOf[p.id].map { Start(phase: p.id, month: $0, triggered: p.starts!.triggered) }
        }
        .sorted { $0.month < $1.month }
        let last = starts.map(\.month).max()!
        let count = months ?? max(1, last.months(since: first) + 13)
        if months == nil, count > Timeline.maximumMonths,
            let phase = scenario.phases.first(where: { $0.id == starts.last!.phase }), let s = phase.starts
        {
            throw UserError([
                s.location.diagnostic(
                    "phase '\(phase.id)' starts in \(last), \(last.months(since: first)) months after the timeline's first month (\(first)): a timeline has at most \(Timeline.maximumMonths) months",
                    hint:
                        "check the year of its starts:, or give --months N (at most \(Timeline.maximumMonths)) to plan fewer months"
                )
            ])
        }
        var timeline = Timeline(months: [], phases: [], starts: starts)
        var running: String?
        var next = starts.startIndex
        for i in 0..<count {
            let month = first.adding(months: i)
            while next < starts.endIndex, starts[next].month <= month {
                running = starts[next].phase
                next += 1
            }
            timeline.months.append(month)
            timeline.phases.append(running)
        }
        return timeline
    }
}
