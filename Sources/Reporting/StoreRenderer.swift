import CostModel

/// `bills list` and `metrics list`: what the data store holds.
public enum StoreRenderer {
    /// A month of bills: spend per service, and in all.
    public struct MonthSpend: Sendable {
        public var month: String
        public var services: [(service: String, spend: Money)]
        public var total: Money

        public init(month: String, services: [(service: String, spend: Money)], total: Money) {
            self.month = month
            self.services = services
            self.total = total
        }
    }

    public static func spendJSON(_ months: [MonthSpend]) -> String {
        JSONWriter.document(
            .array(
                months.flatMap { m in
                    m.services.map {
                        .object(
                            [("month", .string(m.month)), ("service", .string($0.service)), ("spend", .money($0.spend))], .inline)
                    }
                }, .block))
    }

    public static func spendTable(_ months: [MonthSpend]) -> String {
        var t = TextTable(header: ["MONTH", "SERVICE", "SPEND"], rightAligned: [2])
        for m in months {
            for s in m.services { t.add([m.month, s.service, s.spend.formatted(decimals: 2)]) }
            t.add([m.month, "TOTAL", m.total.formatted(decimals: 2)])
        }
        return t.render()
    }

    /// The stored metrics; `iso` writes a timestamp.
    public static func metricsJSON(_ metrics: [StoredMetric], iso: (Int64) -> String) -> String {
        JSONWriter.document(
            .array(
                metrics.map {
                    .object(
                        [
                            ("metric", .string($0.metric)), ("datapoints", .int($0.points)), ("first", .string(iso($0.first))),
                            ("last", .string(iso($0.last))), ("files", .int($0.files)),
                        ], .inline)
                }, .block))
    }

    public static func metricsTable(_ metrics: [StoredMetric], iso: (Int64) -> String) -> String {
        var t = TextTable(header: ["METRIC", "DATAPOINTS", "FIRST", "LAST", "FILES"], rightAligned: [1, 4])
        for m in metrics { t.add([m.metric, String(m.points), iso(m.first), iso(m.last), String(m.files)]) }
        return t.render()
    }
}
