import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting
import Scenarios

/// `--start` and `--months`: the months of the roadmap timeline (finance, report).
struct TimelineOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "First month of the timeline (default: the earliest calendar month a phase starts in).", valueName: "YYYY-MM"))
    var start: String?
    @Option(help: ArgumentHelp("Months on the timeline (default: up to the last phase's start + 12).", valueName: "n"))
    var months: Int?

    var firstMonth: YearMonth? { start.flatMap { YearMonth(parsing: $0) } }

    func validate() throws {
        if let start, YearMonth(parsing: start) == nil {
            throw ValidationError("--start '\(start)' is not a month: write YYYY-MM, e.g. 2027-01")
        }
        let years = YearMonth.plausibleYears
        if let month = firstMonth, !years.contains(month.year) {
            throw ValidationError(
                "--start '\(month)' is outside the years orcha-cost plans (\(years.lowerBound) to \(years.upperBound))")
        }
        if let months, !(1...Timeline.maximumMonths).contains(months) {
            throw ValidationError("--months must be from 1 to \(Timeline.maximumMonths)")
        }
    }
}
