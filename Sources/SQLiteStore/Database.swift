import CSQLite
import CostModel

/// An error reported by SQLite, with its result code and the statement that failed.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var sql: String?

    public var isBusy: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (in: \(sql.prefix(200)))" }
        return text
    }
}

// SQLITE_TRANSIENT is a macro cast of -1; Swift cannot import it.
let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// An open SQLite connection. Owns its handle; closed on deinit.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    public init(path: String, readOnly: Bool = false) throws {
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, sql: nil)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Milliseconds to wait for another process's lock before failing with SQLITE_BUSY.
    public func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }

    func error(_ rc: Int32, _ sql: String?) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var errmsg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? "error"
            sqlite3_free(errmsg)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    public func prepare(_ sql: String) throws -> Statement { try Statement(self, sql) }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE` by default, so writers queue up on the
    /// busy timeout instead of failing half-way); rolls back when it throws.
    public func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// First column of the first row, as an integer (0 when there is no row).
    public func scalarInt(_ sql: String, _ args: [SQLValue] = []) throws -> Int64 {
        let st = try prepare(sql)
        try st.bind(args)
        return try st.step() ? st.int(0) : 0
    }

    public func scalarText(_ sql: String, _ args: [SQLValue] = []) throws -> String? {
        let st = try prepare(sql)
        try st.bind(args)
        return try st.step() ? st.text(0) : nil
    }
}

/// A value to bind.
public enum SQLValue: Sendable {
    case int(Int64)
    case text(String)
    case null
}

/// A prepared statement. Owns its handle; finalized on deinit.
public final class Statement {
    let db: Database
    let handle: OpaquePointer
    let sql: String

    init(_ db: Database, _ sql: String) throws {
        var st: OpaquePointer?
        let rc = sqlite3_prepare_v2(db.handle, sql, -1, &st, nil)
        guard rc == SQLITE_OK, let st else { throw db.error(rc, sql) }
        self.db = db
        self.handle = st
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    public func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(handle)
        for (i, v) in values.enumerated() {
            switch v {
            case .int(let n): bind(Int32(i + 1), n)
            case .text(let s): bind(Int32(i + 1), s)
            case .null: bindNull(Int32(i + 1))
            }
        }
    }

    public func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    public func bind(_ index: Int32, _ value: String) { sqlite3_bind_text(handle, index, value, -1, sqliteTransient) }
    public func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    /// Binds raw UTF-8 bytes as text WITHOUT copying them: the bytes must stay valid and
    /// unchanged until the statement has been stepped and reset (the importer binds fields of
    /// the current CSV record and steps before the next record). An empty buffer binds NULL
    /// when `emptyIsNull` is set.
    public func bind(_ index: Int32, utf8 bytes: UnsafeRawBufferPointer, emptyIsNull: Bool = false) {
        if bytes.isEmpty {
            if emptyIsNull { sqlite3_bind_null(handle, index) } else { sqlite3_bind_text(handle, index, "", 0, nil) }
            return
        }
        sqlite3_bind_text(
            handle, index, bytes.baseAddress!.assumingMemoryBound(to: CChar.self),
            Int32(bytes.count), nil)  // SQLITE_STATIC
    }

    /// Binds bytes as a BLOB without copying them (they must stay valid until the statement has
    /// been stepped and reset).
    public func bind(_ index: Int32, blob bytes: UnsafeRawBufferPointer) {
        sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), nil)  // SQLITE_STATIC
    }

    /// Steps once; true when a row is available.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw db.error(rc, sql)
        }
    }

    /// Steps to completion and resets, for INSERT/UPDATE/DELETE.
    public func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    public func reset() { sqlite3_reset(handle) }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    /// A BLOB column's bytes, valid until the next step or reset.
    public func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let p = sqlite3_column_blob(handle, column)
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column)))
    }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    public func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeRawBufferPointer(start: p, count: n), as: UTF8.self)
    }
}
