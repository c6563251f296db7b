import CostModel

/// What to tell a user when an SQLite file of theirs fails: the words for one kind of file
/// (the catalog, the data store). ``SQLiteError/userError(path:_:)`` picks by result code.
public struct StoreMessages: Sendable {
    /// Another process holds the lock (`SQLITE_BUSY`, `SQLITE_LOCKED`), e.g. `catalog busy:
    /// another orcha-cost process is writing it`.
    public var busy: String
    public var busyHint = "wait for the other import to finish and run the command again"
    /// Before the SQLite message when the file is not a database or is corrupt.
    public var notUsable: String
    public var notUsableHint: String
    /// Before the SQLite message when the file cannot be opened or written (exit 73).
    public var cannotOpen: String
    public var cannotOpenHint: String
    /// Before the SQLite message when the disk is full or fails (exit 74).
    public var ioError: String
    /// Before the error's description for anything else (exit 70).
    public var other: String

    public init(
        busy: String, notUsable: String, notUsableHint: String, cannotOpen: String, cannotOpenHint: String,
        ioError: String, other: String
    ) {
        self.busy = busy
        self.notUsable = notUsable
        self.notUsableHint = notUsableHint
        self.cannotOpen = cannotOpen
        self.cannotOpenHint = cannotOpenHint
        self.ioError = ioError
        self.other = other
    }
}

extension SQLiteError {
    /// This failure as a message a user can act on, in the words of `messages`, by its primary
    /// result code.
    public func userError(path: String, _ messages: StoreMessages) -> UserError {
        switch resultCode {
        case .busy, .locked:
            return UserError(path: path, messages.busy, hint: messages.busyHint, status: .tempFail)
        case .notADatabase, .corrupt:
            return UserError(path: path, "\(messages.notUsable): \(message)", hint: messages.notUsableHint)
        case .cantOpen, .readonly, .perm:
            return UserError(
                path: path, "\(messages.cannotOpen): \(message)", hint: messages.cannotOpenHint, status: .cantCreate)
        case .full, .ioErr:
            return UserError(path: path, "\(messages.ioError): \(message)", status: .ioError)
        default:
            return UserError(path: path, "\(messages.other): \(self)", status: .software)
        }
    }
}
