import CSQLite

/// A value to bind.
public enum SQLValue: Sendable {
    case int(Int64)
    case text(String)
    case null
}

/// A prepared statement. Owns its handle; finalized on deinit. Keeps its connection open.
///
/// Every call that can fail is checked: `bind` (an index or name the SQL does not have, a value
/// too big), `step` and `reset` throw an ``SQLiteError`` naming the SQL.
public final class Statement {
    let connection: Connection
    @usableFromInline let handle: OpaquePointer
    public let sql: String

    init(_ connection: Connection, _ sql: String) throws {
        var st: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &st, nil)
        guard rc == SQLITE_OK, let st else { throw connection.error(rc, sql) }
        self.connection = connection
        self.handle = st
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    @inlinable @inline(__always)
    func check(_ rc: Int32, _ index: Int32) throws {
        if rc != SQLITE_OK { throw bindError(rc, index) }
    }

    @usableFromInline
    func bindError(_ rc: Int32, _ index: Int32) -> SQLiteError {
        let name = sqlite3_bind_parameter_name(handle, index).map { " (\(String(cString: $0)))" } ?? ""
        return SQLiteError(
            code: rc, message: "cannot bind parameter \(index)\(name): \(String(cString: sqlite3_errstr(rc)))", sql: sql)
    }

    /// The number of parameters the SQL has (`?`, `?NNN`, `:name`).
    public var parameterCount: Int32 { sqlite3_bind_parameter_count(handle) }

    /// The index of a named parameter (`:product_id`, with its prefix), to bind by name at the
    /// cost of an index: look it up once, bind many times. Throws when the SQL has no such
    /// parameter.
    public func parameter(_ name: String) throws -> Int32 {
        let index = sqlite3_bind_parameter_index(handle, name)
        guard index > 0 else {
            throw SQLiteError(code: SQLITE_RANGE, message: "no parameter \(name) in the statement", sql: sql)
        }
        return index
    }

    /// Resets the statement and binds `values` to its parameters 1, 2, ... (the count must
    /// match the statement's).
    public func bind(_ values: [SQLValue]) throws {
        try reset()
        guard values.count == Int(parameterCount) else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "\(values.count) values for \(parameterCount) parameters", sql: sql)
        }
        for (i, v) in values.enumerated() { try bind(Int32(i + 1), v) }
    }

    /// Resets the statement and binds values by parameter name (`[":region": .text("eu-west-1")]`);
    /// every parameter of the statement must get one.
    public func bind(_ values: [String: SQLValue]) throws {
        try reset()
        guard values.count == Int(parameterCount) else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "\(values.count) values for \(parameterCount) parameters", sql: sql)
        }
        for (name, v) in values { try bind(try parameter(name), v) }
    }

    public func bind(_ index: Int32, _ value: SQLValue) throws {
        switch value {
        case .int(let n): try bind(index, n)
        case .text(let s): try bind(index, s)
        case .null: try bindNull(index)
        }
    }

    @inlinable @inline(__always)
    public func bind(_ index: Int32, _ value: Int64) throws { try check(sqlite3_bind_int64(handle, index, value), index) }

    /// Binds text (copied by SQLite). The bytes go from the string's own storage, without the
    /// NUL-terminated copy a `String` passed as a C string costs (an allocation for each short
    /// string: the importer binds a few per product).
    @inlinable @inline(__always)
    public func bind(_ index: Int32, _ value: String) throws {
        var text = value
        let rc = text.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            }
            return sqlite3_bind_text(
                handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                sqliteTransient)
        }
        try check(rc, index)
    }

    @inlinable @inline(__always)
    public func bindNull(_ index: Int32) throws { try check(sqlite3_bind_null(handle, index), index) }

    /// Binds raw UTF-8 bytes as text WITHOUT copying them: the bytes must stay valid and
    /// unchanged until the statement has been stepped and reset (the importer binds fields of
    /// the current CSV record and steps before the next record). An empty buffer binds NULL
    /// when `emptyIsNull` is set.
    @inlinable @inline(__always)
    public func bind(_ index: Int32, utf8 bytes: UnsafeRawBufferPointer, emptyIsNull: Bool = false) throws {
        if bytes.isEmpty {
            try check(
                emptyIsNull ? sqlite3_bind_null(handle, index) : sqlite3_bind_text(handle, index, "", 0, nil), index)
            return
        }
        try check(
            sqlite3_bind_text(
                handle, index, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil),  // SQLITE_STATIC
            index)
    }

    /// Binds bytes as a BLOB without copying them (they must stay valid until the statement has
    /// been stepped and reset).
    @inlinable @inline(__always)
    public func bind(_ index: Int32, blob bytes: UnsafeRawBufferPointer) throws {
        try check(sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), nil), index)  // SQLITE_STATIC
    }

    /// Steps once; true when a row is available. On an error the statement is reset (ready to
    /// run again) and the error thrown.
    @inlinable @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw stepError(rc)
        }
    }

    /// The error of a failed step, after which the statement is reset (`sqlite3_reset` returns
    /// the same error, thrown by the caller).
    @usableFromInline
    func stepError(_ rc: Int32) -> SQLiteError {
        let error = connection.error(rc, sql)
        sqlite3_reset(handle)
        return error
    }

    /// Steps to completion and resets, for INSERT/UPDATE/DELETE.
    @inlinable
    public func run() throws {
        while try step() {}
        try reset()
    }

    /// Makes the statement ready to run again (bindings stay).
    @inlinable
    public func reset() throws {
        let rc = sqlite3_reset(handle)
        if rc != SQLITE_OK { throw resetError(rc) }
    }

    @usableFromInline
    func resetError(_ rc: Int32) -> SQLiteError { connection.error(rc, sql) }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    /// A BLOB column's bytes, valid until the next step or reset.
    public func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let p = sqlite3_column_blob(handle, column)
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column)))
    }
    /// A TEXT column's UTF-8 bytes, valid until the next step or reset (empty for NULL).
    public func textBytes(_ column: Int32) -> UnsafeRawBufferPointer {
        let p = sqlite3_column_text(handle, column)
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column)))
    }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    public func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeRawBufferPointer(start: p, count: n), as: UTF8.self)
    }
}
