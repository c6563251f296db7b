import CostModel
import SQLiteStore
import Testing

/// A schema whose steps record, in a table, that they ran.
func recordingSchema(version: Int = 3) -> Schema {
    let step = { (v: Int, name: String) in
        Migration(version: v, name: name, sql: "INSERT INTO applied(name) VALUES ('\(name)')")
    }
    return Schema(
        version: version,
        create: "CREATE TABLE IF NOT EXISTS applied (name TEXT); CREATE TABLE IF NOT EXISTS added_in_3 (x);",
        migrations: [step(2, "two"), step(3, "three")].filter { $0.version <= version })
}

struct UnknownVersion: Error, Equatable { var version: Int }

let options = OpenOptions(busyTimeout: 1000, pragmas: "PRAGMA journal_mode=DELETE;")

func applied(_ db: Database) throws -> [String] {
    let st = try db.prepare("SELECT name FROM applied ORDER BY rowid")
    var names: [String] = []
    while try st.step() { names.append(st.text(0) ?? "") }
    return names
}

@Suite struct MigratorTests {
    @Test func aNewFileGetsTheSchemaAloneAndItsVersion() throws {
        let path = scratchDirectory() + "/new.sqlite"
        let db = try Database.open(path: path, options: options, schema: recordingSchema()) { UnknownVersion(version: $0) }
        #expect(try applied(db).isEmpty)
        #expect(try db.scalarInt("PRAGMA user_version") == 3)
    }

    @Test func anOlderFileRunsItsPendingStepsInOrderOnce() throws {
        let path = scratchDirectory() + "/old.sqlite"
        do {
            let db = try Database(path: path)
            try db.execute("CREATE TABLE applied (name TEXT); PRAGMA user_version=1;")
        }
        #expect(recordingSchema().pending(from: 1).map(\.name) == ["two", "three"])
        #expect(recordingSchema().pending(from: 2).map(\.name) == ["three"])
        #expect(recordingSchema().pending(from: 0).isEmpty)
        do {
            let db = try Database.open(path: path, options: options, schema: recordingSchema()) { UnknownVersion(version: $0) }
            #expect(try applied(db) == ["two", "three"])
            #expect(try db.scalarInt("PRAGMA user_version") == 3)
            #expect(try db.scalarInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'added_in_3'") == 1)
        }
        // Idempotent: opening again runs nothing.
        let db = try Database.open(path: path, options: options, schema: recordingSchema()) { UnknownVersion(version: $0) }
        #expect(try applied(db) == ["two", "three"])
    }

    @Test func aNewerOrNegativeVersionIsTheCallersError() throws {
        for version in [4, -1] {
            let path = scratchDirectory() + "/newer.sqlite"
            do {
                let db = try Database(path: path)
                try db.execute("PRAGMA user_version=\(version)")
            }
            #expect(throws: UnknownVersion(version: version)) {
                _ = try Database.open(path: path, options: options, schema: recordingSchema()) { UnknownVersion(version: $0) }
            }
        }
    }

    @Test func aFailingStepLeavesTheFileAsItWas() throws {
        let path = scratchDirectory() + "/failing.sqlite"
        do {
            let db = try Database(path: path)
            try db.execute("CREATE TABLE applied (name TEXT); PRAGMA user_version=1;")
        }
        var schema = recordingSchema()
        schema.migrations.append(Migration(version: 3, name: "broken", sql: "INSERT INTO no_such_table VALUES (1)"))
        let error = try #require(
            sqliteError { _ = try Database.open(path: path, options: options, schema: schema) { UnknownVersion(version: $0) } })
        #expect(error.message == "no such table: no_such_table")
        let db = try Database(path: path)
        #expect(try db.scalarInt("PRAGMA user_version") == 1)
        #expect(try applied(db).isEmpty)
    }
}
