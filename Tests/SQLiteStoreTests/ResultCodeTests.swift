import CostModel
import Foundation
import SQLiteStore
import Testing

/// A fresh folder for one test's files.
func scratchDirectory(_ name: String = #function) -> String {
    let dir = NSTemporaryDirectory() + "sqlitestore-\(getpid())-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// The SQLiteError `body` throws (nil when it throws none or another error).
func sqliteError(_ body: () throws -> Void) -> SQLiteError? {
    do {
        try body()
        return nil
    } catch {
        return error as? SQLiteError
    }
}

/// Words for the store-message tests.
let testMessages = StoreMessages(
    busy: "store busy", notUsable: "not a usable store", notUsableHint: "delete it", cannotOpen: "cannot open the store",
    cannotOpenHint: "check the folder", ioError: "I/O error writing the store", other: "store error")

@Suite struct ResultCodeTests {
    @Test func extendedCodesMatchTheirPrimaryCode() {
        let ioErrWrite = ResultCode(rawValue: 778)  // SQLITE_IOERR_WRITE
        let busySnapshot = ResultCode(rawValue: 517)  // SQLITE_BUSY_SNAPSHOT
        let constraintUnique = ResultCode(rawValue: 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(ioErrWrite.primaryResultCode == .ioErr)
        #expect(!ioErrWrite.isPrimary && ResultCode.ioErr.isPrimary)
        #expect(ResultCode.ioErr ~= ioErrWrite)
        #expect(ResultCode.busy ~= busySnapshot)
        #expect(!(ResultCode.locked ~= busySnapshot))
        #expect(ResultCode.constraint ~= constraintUnique)
        // An extended pattern matches only itself.
        #expect(!(ResultCode(rawValue: 522) ~= ioErrWrite))  // SQLITE_IOERR_SHORT_READ
        switch ResultCode(rawValue: 266) {  // SQLITE_IOERR_READ
        case .full: Issue.record("matched .full")
        case .ioErr: break
        default: Issue.record("did not match .ioErr")
        }
        #expect(SQLiteError(code: 778, message: "disk I/O error", sql: nil).userError(path: "p", testMessages).status == .ioError)
    }

    @Test func busyWhenAnotherConnectionHoldsTheWriteLock() throws {
        let path = scratchDirectory() + "/busy.sqlite"
        let first = try Database(path: path)
        try first.execute("CREATE TABLE t (x)")
        try first.execute("BEGIN IMMEDIATE")
        defer { try? first.execute("ROLLBACK") }
        let second = try Database(path: path)
        second.setBusyTimeout(milliseconds: 0)
        let error = try #require(sqliteError { try second.execute("BEGIN IMMEDIATE") })
        #expect(ResultCode.busy ~= error.resultCode)
        #expect(error.primaryResultCode == .busy)
        #expect(error.isBusy)
        let user = error.userError(path: path, testMessages)
        #expect(user.status == .tempFail)
        #expect(user.diagnostics.first?.message == "store busy")
    }

    @Test func lockedWhenATableInUseIsDropped() throws {
        let db = try Database(path: scratchDirectory() + "/locked.sqlite")
        try db.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);")
        let reading = try db.prepare("SELECT x FROM t")
        #expect(try reading.step())
        let error = try #require(sqliteError { try db.execute("DROP TABLE t") })
        #expect(ResultCode.locked ~= error.resultCode)
        #expect(error.isBusy)
        #expect(error.userError(path: "p", testMessages).status == .tempFail)
    }

    @Test func notADatabase() throws {
        let path = scratchDirectory() + "/text.sqlite"
        try String(repeating: "this is a text file, not a database\n", count: 200).write(
            toFile: path, atomically: true, encoding: .utf8)
        let db = try Database(path: path)  // SQLite reads the file lazily
        let error = try #require(sqliteError { _ = try db.scalarInt("SELECT COUNT(*) FROM sqlite_master") })
        #expect(ResultCode.notADatabase ~= error.resultCode)
        #expect(!(ResultCode.corrupt ~= error.resultCode))
        let user = error.userError(path: path, testMessages)
        #expect(user.diagnostics.first?.message == "not a usable store: file is not a database")
        #expect(user.diagnostics.first?.hint == "delete it")
        #expect(user.status == .dataError)
    }

    @Test func corruptWhenTheSchemaPageIsGarbage() throws {
        let path = scratchDirectory() + "/corrupt.sqlite"
        do {
            let db = try Database(path: path)
            try db.execute("PRAGMA page_size=4096; CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a'), ('b');")
        }
        // Keep the 100-byte header (a database), overwrite the rest of page 1 (the schema).
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for i in 100..<4096 { bytes[i] = 0xA5 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let db = try Database(path: path)
        let error = try #require(sqliteError { _ = try db.scalarInt("SELECT COUNT(*) FROM t") })
        #expect(ResultCode.corrupt ~= error.resultCode)
        #expect(error.userError(path: path, testMessages).diagnostics.first?.message.hasPrefix("not a usable store: ") == true)
    }

    @Test func cannotOpenAFileInAMissingFolder() throws {
        let error = try #require(sqliteError { _ = try Database(path: scratchDirectory() + "/no/such/folder/x.sqlite") })
        #expect(ResultCode.cantOpen ~= error.resultCode)
        #expect(error.userError(path: "p", testMessages).status == .cantCreate)
    }

    @Test func constraintViolationsKeepTheirExtendedCode() throws {
        let db = try Database(path: scratchDirectory() + "/constraint.sqlite")
        try db.execute("CREATE TABLE t (x PRIMARY KEY); INSERT INTO t VALUES (1);")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        try insert.bind([.int(1)])
        let error = try #require(sqliteError { try insert.run() })
        #expect(ResultCode.constraint ~= error.resultCode)
        #expect(error.code != error.primaryResultCode.rawValue)  // SQLITE_CONSTRAINT_PRIMARYKEY
        #expect(error.sql == "INSERT INTO t VALUES (?)")
        // The failed step reset the statement: it runs again with another value.
        try insert.bind([.int(2)])
        try insert.run()
        #expect(try db.scalarInt("SELECT COUNT(*) FROM t") == 2)
    }
}
