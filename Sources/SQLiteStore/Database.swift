import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// SQLITE_TRANSIENT is a macro cast of -1; Swift cannot import it.
@usableFromInline let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// The connection handle and what SQLite calls back into. Shared by a ``Database`` and its
/// statements (a statement keeps it open; the database's statement cache holds statements, not
/// the database, so nothing forms a cycle). Closed when the last of them is gone.
final class Connection {
    let handle: OpaquePointer
    /// SQL functions and hooks registered on the connection: SQLite holds unretained pointers.
    var functions: [String: FunctionBox] = [:]
    var rollbackHook: HookBox?

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { sqlite3_close_v2(handle) }

    /// The connection's last error as an ``SQLiteError``.
    func error(_ rc: Int32, _ sql: String?) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// An open SQLite connection. Owns its handle (closed once it and its statements are gone),
/// and a cache of prepared statements by SQL text.
public final class Database {
    let connection: Connection
    var handle: OpaquePointer { connection.handle }
    public let path: String
    private var statementCache: [String: Statement] = [:]

    public init(path: String, readOnly: Bool = false) throws {
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, sql: nil)
        }
        connection = Connection(db)
        self.path = path
        sqlite3_extended_result_codes(db, 1)
    }

    /// Milliseconds to wait for another process's lock before failing with SQLITE_BUSY.
    public func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }

    func error(_ rc: Int32, _ sql: String?) -> SQLiteError { connection.error(rc, sql) }

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

    /// A new prepared statement, owned by the caller.
    public func prepare(_ sql: String) throws -> Statement { try Statement(connection, sql) }

    /// The prepared statement for `sql` from the connection's cache (prepared on first use),
    /// reset, its earlier bindings still in place. The same statement comes back for the same
    /// text, so finish with its rows before asking for the same SQL again. For statements run
    /// again and again (lookups); one-off SQL, or SQL built with values in it, goes through
    /// ``prepare(_:)``.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            try statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// How many statements the cache holds.
    public var cachedStatementCount: Int { statementCache.count }

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
