import CostModel

/// The line each import prints for a file it imported.
public enum ImportRenderer {
    /// `catalog import`: what the price list is, what it held, and how fast it went.
    public static func priceList(_ s: ImportSummary) -> String {
        let mb = Double(s.bytes) / 1e6
        let rate = mb / max(s.seconds, 0.0001)
        let tenths = Int((rate * 10).rounded())
        return """
            imported \(s.path): \(s.offerCode) version \(s.version) (published \(s.publicationDate)), \
            \(s.rows) price rows, \(s.products) products, regions \(s.regions.joined(separator: ", "))\
            \(s.replacedRows > 0 ? ", replaced \(s.replacedRows) rows of an earlier import" : "") \
            [\(tenths / 10).\(tenths % 10) MB/s]\n
            """
    }

    /// `metrics import`: the datapoints and metrics of the file, and the imports it replaced.
    public static func metrics(_ i: MetricImport) -> String {
        "imported \(i.path): \(i.format), \(i.points) datapoint\(i.points == 1 ? "" : "s") of "
            + "\(i.metrics.count) metric\(i.metrics.count == 1 ? "" : "s") (\(i.metrics.joined(separator: ", ")))"
            + replaced(i.replaced) + "\n"
    }

    /// `bills import`: the export's format, line items, currency, total and months.
    public static func bills(
        path: String, format: String, rows: Int, currency: String, total: Money, months: [String], skippedNote: String?,
        replaced list: [String]
    ) -> String {
        "imported \(path): \(format), \(rows) line items, \(currency) \(total.formatted(decimals: 2)), "
            + months.joined(separator: ", ") + (skippedNote.map { "; \($0)" } ?? "") + replaced(list) + "\n"
    }

    static func replaced(_ list: [String]) -> String {
        list.isEmpty ? "" : "; replaces the earlier import of \(list.joined(separator: ", "))"
    }
}
