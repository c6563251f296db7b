import CSQLite

/// The storage class of an SQL value.
public enum SQLValueType: Sendable {
    case integer, float, text, blob, null
}

/// One call of an SQL function defined with ``Database/defineFunction(_:argumentCount:_:)``:
/// its arguments, and where its result goes. Valid only during the call.
public struct FunctionCall {
    let context: OpaquePointer
    let arguments: UnsafeMutablePointer<OpaquePointer?>
    public let count: Int

    public func type(_ i: Int) -> SQLValueType {
        switch sqlite3_value_type(arguments[i]) {
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .float
        case SQLITE_TEXT: return .text
        case SQLITE_BLOB: return .blob
        default: return .null
        }
    }

    public func int(_ i: Int) -> Int64 { sqlite3_value_int64(arguments[i]) }

    /// A BLOB argument's bytes, valid during the call.
    public func blob(_ i: Int) -> UnsafeRawBufferPointer {
        let n = Int(sqlite3_value_bytes(arguments[i]))
        return UnsafeRawBufferPointer(start: sqlite3_value_blob(arguments[i]), count: n)
    }

    /// Returns argument `i` unchanged.
    public func resultArgument(_ i: Int) { sqlite3_result_value(context, arguments[i]) }

    /// Returns UTF-8 text (copied).
    public func resultText(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else {
            sqlite3_result_text(context, "", 0, sqliteTransient)
            return
        }
        sqlite3_result_text(context, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), sqliteTransient)
    }

    public func resultNull() { sqlite3_result_null(context) }

    /// Fails the statement with `message` (an `SQLITE_ERROR`).
    public func resultError(_ message: String) { sqlite3_result_error(context, message, -1) }
}

final class FunctionBox {
    let body: (FunctionCall) -> Void
    init(_ body: @escaping (FunctionCall) -> Void) { self.body = body }
}

final class HookBox {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

extension Database {
    /// Defines the SQL function `name` of `argumentCount` arguments on this connection (UTF-8,
    /// not deterministic); `body` sets the result of each call. Replaces an earlier definition.
    public func defineFunction(_ name: String, argumentCount: Int32, _ body: @escaping (FunctionCall) -> Void) {
        let box = FunctionBox(body)
        sqlite3_create_function_v2(
            handle, name, argumentCount, SQLITE_UTF8, Unmanaged.passUnretained(box).toOpaque(),
            { ctx, argc, argv in
                guard let ctx, let argv, let user = sqlite3_user_data(ctx) else { return }
                Unmanaged<FunctionBox>.fromOpaque(user).takeUnretainedValue().body(
                    FunctionCall(context: ctx, arguments: argv, count: Int(argc)))
            }, nil, nil, nil)
        connection.functions["\(name)/\(argumentCount)"] = box
    }

    /// Removes a function defined with ``defineFunction(_:argumentCount:_:)``: SQL calling it
    /// then fails with "no such function".
    public func removeFunction(_ name: String, argumentCount: Int32) {
        sqlite3_create_function_v2(handle, name, argumentCount, SQLITE_UTF8, nil, nil, nil, nil, nil)
        connection.functions["\(name)/\(argumentCount)"] = nil
    }

    /// Calls `body` whenever a transaction rolls back (nil: no longer).
    public func onRollback(_ body: (() -> Void)?) {
        guard let body else {
            sqlite3_rollback_hook(handle, nil, nil)
            connection.rollbackHook = nil
            return
        }
        let box = HookBox(body)
        sqlite3_rollback_hook(
            handle,
            { user in
                guard let user else { return }
                Unmanaged<HookBox>.fromOpaque(user).takeUnretainedValue().body()
            }, Unmanaged.passUnretained(box).toOpaque())
        connection.rollbackHook = box
    }

    /// The main database's data version: it moves whenever the file changes (this connection
    /// or another one), `SQLITE_FCNTL_DATA_VERSION`.
    public var dataVersion: UInt32 {
        var version: UInt32 = 0
        sqlite3_file_control(handle, "main", SQLITE_FCNTL_DATA_VERSION, &version)
        return version
    }
}
