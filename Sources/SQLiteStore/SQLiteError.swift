/// An error reported by SQLite, with its result code and the statement that failed.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (`SQLITE_IOERR_WRITE`); ``resultCode`` names it.
    public var code: Int32
    public var message: String
    public var sql: String?

    public init(code: Int32, message: String, sql: String?) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The result code as reported (extended); match it against primary codes in a `switch`
    /// (`case .busy:` catches `SQLITE_BUSY_SNAPSHOT`).
    public var resultCode: ResultCode { ResultCode(rawValue: code) }

    /// The primary result code (`code & 0xff`).
    public var primaryResultCode: ResultCode { resultCode.primaryResultCode }

    /// Another connection holds a lock this one needs.
    public var isBusy: Bool {
        switch resultCode {
        case .busy, .locked: return true
        default: return false
        }
    }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (in: \(sql.prefix(200)))" }
        return text
    }
}
