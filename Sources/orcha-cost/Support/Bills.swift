import Analysis
import ArgumentParser
import Billing
import CostModel
import DataStore
import Pricing
import Reporting
import Scenarios

/// Checks a `--month` option: a calendar month `YYYY-MM`, or absent.
func validateMonthOption(_ month: String?) throws {
    if let month, YearMonth(parsing: month) == nil {
        throw ValidationError("--month '\(month)' is not a month: write YYYY-MM, e.g. 2026-10")
    }
}

/// Reads bill exports (all or nothing), or with no files the bills in the data store.
func loadActuals(_ paths: [String], data: String?, pricing: String?) throws -> Actuals {
    if paths.isEmpty {
        let path = try ProjectPaths.dataPath(option: data, pricingOption: pricing)
        let bills = try DataStore(path: path, create: false).loadBills()
        if bills.files.isEmpty {
            throw UserError(
                path: path, "the data store holds no bills",
                hint: "import them (orcha-cost bills import FILE...) or give them with --actuals FILE", status: .noInput)
        }
        return bills
    }
    var bills = Actuals()
    for path in paths { try bills.load(path: path) }
    for f in bills.files { for note in f.notes { Terminal.stderr(note) } }
    return bills
}
