import Billing
import CostModel
import FileIO
import Metrics
import SQLiteStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The data store: one SQLite file with imported metrics and bills, so that `triggers` and the
/// budget commands need not read the export files at every run.
///
/// Tables: `sources` (one row per imported file: kind, absolute path, content fingerprint),
/// `metric_series` (per source and metric: points, first and last time), `metric_days` (per
/// metric, UTC day and source: the day's points packed in a BLOB, 12 bytes each: seconds into
/// the day as a little-endian UInt32, then the value as a little-endian IEEE double) and
/// `bill_lines` (spend summed per usage day, service, region and tags, in 10^-10 USD, exact).
///
/// Each import is one transaction: a failure or a kill part-way leaves the previous store.
/// Importing a file again (the same path, or the same content under another name) replaces its
/// earlier import.
public final class DataStore {
    public static let schemaVersion = 1
    public let db: Database
    public let path: String

    static let schema = """
        CREATE TABLE IF NOT EXISTS sources (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,              -- 'metrics' | 'bills'
            path TEXT NOT NULL,              -- absolute path at import
            fingerprint TEXT NOT NULL,       -- CRC-32, Adler-32 and length of the (decompressed) content
            format TEXT NOT NULL,            -- 'CSV', 'CloudWatch JSON', 'CUR legacy', 'CUR 2.0', 'FOCUS'
            imported_at TEXT NOT NULL,
            rows INTEGER NOT NULL,           -- datapoints or bill line items
            currency TEXT
        );
        CREATE TABLE IF NOT EXISTS metric_series (
            source_id INTEGER NOT NULL,
            metric TEXT NOT NULL,
            points INTEGER NOT NULL,
            first_time INTEGER NOT NULL,     -- seconds since 1970-01-01 UTC
            last_time INTEGER NOT NULL,
            PRIMARY KEY (metric, source_id)
        );
        CREATE TABLE IF NOT EXISTS metric_days (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL,
            metric TEXT NOT NULL,
            day INTEGER NOT NULL,            -- days since 1970-01-01 (UTC)
            points INTEGER NOT NULL,
            data BLOB NOT NULL               -- points × (UInt32 LE seconds into the day, Float64 LE value)
        );
        CREATE INDEX IF NOT EXISTS metric_days_metric ON metric_days (metric, day);
        CREATE INDEX IF NOT EXISTS metric_days_source ON metric_days (source_id);
        CREATE TABLE IF NOT EXISTS bill_lines (
            source_id INTEGER NOT NULL,
            month TEXT NOT NULL,             -- YYYY-MM of the usage start
            day INTEGER NOT NULL,
            service TEXT NOT NULL,           -- AWS offer code
            region TEXT NOT NULL,
            tags TEXT NOT NULL,              -- JSON object, keys lower case without user: / user_
            cost_e10 INTEGER NOT NULL        -- USD × 10^10, summed exactly
        );
        CREATE INDEX IF NOT EXISTS bill_lines_source ON bill_lines (source_id);
        """

    /// Opens the store at `path`. With `create`, a missing file (and its folder) is created;
    /// without, a missing store is an error that says how to fill it.
    public init(path: String, create: Bool, busyTimeout: Int32 = 10_000) throws {
        self.path = path
        if !create && access(path, F_OK) != 0 {
            throw UserError(
                path: path, "no data store here yet: nothing has been imported",
                hint:
                    "import first (orcha-cost metrics import FILE..., orcha-cost bills import FILE...), or give the files with --metrics / --actuals",
                status: .noInput)
        }
        let dir = Directories.parent(of: path)
        if create && !dir.isEmpty { try Directories.create(dir) }
        do {
            db = try Database.open(
                path: path, options: DataStore.openOptions(busyTimeout: busyTimeout),
                schema: Schema(version: DataStore.schemaVersion, create: DataStore.schema),
                unknownVersion: { version in
                    UserError(
                        path: path,
                        "data store schema version \(version) is not the version this orcha-cost uses (\(DataStore.schemaVersion))",
                        hint: "delete the file and import the metrics and bills again")
                })
        } catch let error as SQLiteError {
            throw DataStore.userError(error, path: path)
        }
    }

    /// Connection settings of every open.
    static func openOptions(busyTimeout: Int32) -> OpenOptions {
        OpenOptions(
            busyTimeout: busyTimeout,
            pragmas: "PRAGMA page_size=65536; PRAGMA journal_mode=DELETE; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16000;")
    }

    /// What SQLite failures of a data store tell the user.
    static let messages = StoreMessages(
        busy: "data store busy: another orcha-cost process is importing into it",
        notUsable: "not a usable data store", notUsableHint: "delete the file and import the metrics and bills again",
        cannotOpen: "cannot open the data store",
        cannotOpenHint: "check the directory exists and is writable, or pass --data PATH",
        ioError: "I/O error writing the data store", other: "data store error")

    /// Maps SQLite failures to messages a user can act on.
    static func userError(_ error: SQLiteError, path: String) -> UserError { error.userError(path: path, messages) }

    /// Runs `body` mapping SQLite errors to user errors.
    func sqlite<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw DataStore.userError(error, path: path)
        }
    }

    /// The absolute form of a path (the file exists: it was just read).
    static func absolute(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Deletes earlier imports of the same file (same absolute path or same content; a nil
    /// path or fingerprint matches nothing), other than `excluding`; returns their paths.
    func replaceEarlier(kind: String, path: String?, fingerprint: String?, excluding: Int64 = -1) throws -> [String] {
        let find = try db.prepare("SELECT id, path FROM sources WHERE kind = ? AND (path = ? OR fingerprint = ?) AND id <> ?")
        try find.bind([.text(kind), path.map(SQLValue.text) ?? .null, fingerprint.map(SQLValue.text) ?? .null, .int(excluding)])
        var earlier: [(Int64, String)] = []
        while try find.step() { earlier.append((find.int(0), find.text(1) ?? "")) }
        for (id, _) in earlier {
            for table in ["metric_days", "metric_series", "bill_lines"] {
                try db.execute("DELETE FROM \(table) WHERE source_id = \(id)")
            }
            try db.execute("DELETE FROM sources WHERE id = \(id)")
        }
        return earlier.map(\.1)
    }

    func addSource(kind: String, path: String, fingerprint: String, format: String, rows: Int, currency: String?) throws -> Int64
    {
        let st = try db.prepare(
            "INSERT INTO sources(kind, path, fingerprint, format, imported_at, rows, currency) VALUES(?, ?, ?, ?, ?, ?, ?)")
        try st.bind([
            .text(kind), .text(path), .text(fingerprint), .text(format), .text(Clock.nowISO8601()), .int(Int64(rows)),
            currency.map(SQLValue.text) ?? .null,
        ])
        try st.run()
        return db.lastInsertRowID
    }

    /// One imported file, as `metrics list` / `bills list` show it.
    public struct Source: Sendable {
        public var path: String
        public var format: String
        public var importedAt: String
        public var rows: Int
        public var currency: String?
        public var fingerprint: String
    }

    /// Imported files of a kind, oldest import first.
    public func sources(kind: String) throws -> [Source] {
        try sqlite {
            let st = try db.prepare(
                "SELECT path, format, imported_at, rows, currency, fingerprint FROM sources WHERE kind = ? ORDER BY id")
            try st.bind([.text(kind)])
            var all: [Source] = []
            while try st.step() {
                all.append(
                    Source(
                        path: st.text(0) ?? "", format: st.text(1) ?? "", importedAt: st.text(2) ?? "", rows: Int(st.int(3)),
                        currency: st.isNull(4) ? nil : st.text(4), fingerprint: st.text(5) ?? ""))
            }
            return all
        }
    }
}
