/// Process exit codes (sysexits), as documented in the README.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    /// A check failed (budget alarm fired, threshold exceeded).
    case checkFailed = 1
    case usage = 64
    case dataError = 65
    case noInput = 66
    /// A service is unavailable: the AWS Price List endpoint cannot be reached (sysexits EX_UNAVAILABLE).
    case unavailable = 69
    case software = 70
    case cantCreate = 73
    case ioError = 74
    /// The catalog is locked by another process for longer than the busy timeout.
    case tempFail = 75
    /// The remote side broke the protocol: an HTTP error, a body cut short, an index that is not
    /// the JSON it should be (sysexits EX_PROTOCOL).
    case protocolError = 76
}

/// One problem found in a user's file, printed as `path:line:col: error: message` and an
/// optional hint line telling what to do.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String
    public var hint: String?

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var location = path
        // Line 0 marks input that is not in a file (a --set value): no position to show.
        if let line, line > 0 {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = "\(location): error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// An error that carries user-facing diagnostics and the exit status to end with.
public struct UserError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var status: ExitStatus

    public init(_ diagnostics: [Diagnostic], status: ExitStatus = .dataError) {
        self.diagnostics = diagnostics
        self.status = status
    }

    public init(
        path: String, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil,
        status: ExitStatus = .dataError
    ) {
        self.init([Diagnostic(path: path, line: line, column: column, message: message, hint: hint)], status: status)
    }

    /// An error that is not about one file (bad option, busy catalog, ...).
    public init(message: String, hint: String? = nil, status: ExitStatus) {
        self.init([Diagnostic(path: "orcha-cost", message: message, hint: hint)], status: status)
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
