import SQLiteStore
import Testing

@Suite struct StatementTests {
    func database() throws -> Database {
        let db = try Database(path: scratchDirectory() + "/statements.sqlite")
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t(name) VALUES ('a'), ('b'), ('c');")
        return db
    }

    @Test func theCacheHandsOutOneStatementPerSQLText() throws {
        let db = try database()
        let sql = "SELECT name FROM t WHERE id >= ? ORDER BY id"
        let first = try db.cachedStatement(sql)
        try first.bind([.int(1)])
        #expect(try first.step())
        #expect(first.text(0) == "a")
        // Asked for again mid-rows: the same statement, reset, its binding kept.
        let again = try db.cachedStatement(sql)
        #expect(again === first)
        #expect(try again.step())
        #expect(again.text(0) == "a")
        let other = try db.cachedStatement("SELECT COUNT(*) FROM t")
        #expect(other !== first)
        #expect(db.cachedStatementCount == 2)
        // prepare() is not cached.
        #expect(try db.prepare(sql) !== first)
        #expect(db.cachedStatementCount == 2)
    }

    @Test func aStatementOutlivesItsDatabaseObject() throws {
        var db: Database? = try database()
        let st = try db!.cachedStatement("SELECT COUNT(*) FROM t")
        db = nil  // the statement keeps the connection open
        #expect(try st.step())
        #expect(st.int(0) == 3)
    }

    @Test func bindErrorsNameTheParameterAndTheSQL() throws {
        let db = try database()
        let st = try db.prepare("SELECT name FROM t WHERE id = :id")
        let outOfRange = try #require(sqliteError { try st.bind(2, Int64(1)) })
        #expect(ResultCode.range ~= outOfRange.resultCode)
        #expect(outOfRange.sql == "SELECT name FROM t WHERE id = :id")
        #expect(outOfRange.message.hasPrefix("cannot bind parameter 2"))
        let tooMany = try #require(sqliteError { try st.bind([.int(1), .int(2)]) })
        #expect(ResultCode.range ~= tooMany.resultCode)
        #expect(tooMany.message == "2 values for 1 parameters")
        let noName = try #require(sqliteError { _ = try st.parameter(":nope") })
        #expect(noName.message == "no parameter :nope in the statement")
        #expect(sqliteError { try st.bind([":nope": .int(1)]) } != nil)
    }

    @Test func namedParametersBindByName() throws {
        let db = try database()
        let st = try db.prepare("SELECT COUNT(*) FROM t WHERE id >= :low AND name <= :high")
        #expect(st.parameterCount == 2)
        #expect(try st.parameter(":low") == 1)
        #expect(try st.parameter(":high") == 2)
        try st.bind([":high": .text("b"), ":low": .int(2)])
        #expect(try st.step())
        #expect(st.int(0) == 1)
        let insert = try db.prepare("INSERT INTO t(name) VALUES (:name)")
        let name = try insert.parameter(":name")
        for n in ["d", "e"] {
            try insert.bind(name, n)
            try insert.run()
        }
        #expect(try db.scalarInt("SELECT COUNT(*) FROM t") == 5)
        // A name used twice is one parameter.
        let twice = try db.prepare("SELECT :n + :n")
        #expect(twice.parameterCount == 1)
        try twice.bind([":n": .int(21)])
        #expect(try twice.step())
        #expect(twice.int(0) == 42)
    }

    @Test func functionsAndTheirRemoval() throws {
        let db = try database()
        db.defineFunction("twice", argumentCount: 1) { call in
            switch call.type(0) {
            case .integer: call.resultText(UnsafeRawBufferPointer(start: nil, count: 0))
            case .null: call.resultNull()
            default: call.resultError("twice: not an integer")
            }
        }
        #expect(try db.scalarText("SELECT twice(1)") == "")
        let error = try #require(sqliteError { _ = try db.scalarText("SELECT twice('x')") })
        #expect(error.message == "twice: not an integer")
        db.removeFunction("twice", argumentCount: 1)
        #expect(sqliteError { _ = try db.scalarText("SELECT twice(1)") }?.message == "no such function: twice")
        var rolledBack = 0
        db.onRollback { rolledBack += 1 }
        try? db.transaction { throw SQLiteError(code: 1, message: "stop", sql: nil) }
        #expect(rolledBack == 1)
    }
}
