/// A step from one schema version to the next: applied, in order, to a database whose
/// `PRAGMA user_version` is below ``version``.
public struct Migration: Sendable {
    /// The version the database has once this step has run.
    public var version: Int
    /// What the step does, for tests and messages.
    public var name: String
    public var apply: @Sendable (Database) throws -> Void

    public init(version: Int, name: String, apply: @escaping @Sendable (Database) throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }

    /// A step that runs SQL statements.
    public init(version: Int, name: String, sql: String) {
        self.init(version: version, name: name) { try $0.execute(sql) }
    }
}

/// The schema of one kind of database file: its current version, the statements that create
/// it (idempotent: `CREATE ... IF NOT EXISTS`), and the ordered steps that bring an older file
/// to the current version. The version is kept in `PRAGMA user_version`.
public struct Schema: Sendable {
    public var version: Int
    public var create: String
    public var migrations: [Migration]

    /// `migrations` must be in ascending version order, none above `version`.
    public init(version: Int, create: String, migrations: [Migration] = []) {
        precondition(
            zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version }
                && migrations.allSatisfy { $0.version <= version },
            "migrations out of order")
        self.version = version
        self.create = create
        self.migrations = migrations
    }

    /// The steps a database at `version` runs (none for a new database, version 0, which gets
    /// ``create`` alone).
    public func pending(from version: Int) -> [Migration] {
        version == 0 ? [] : migrations.filter { $0.version > version }
    }
}

/// How a database file is opened: connection settings applied on every open, before the schema.
public struct OpenOptions: Sendable {
    /// Milliseconds to wait for another process's lock before failing with `SQLITE_BUSY`.
    public var busyTimeout: Int32
    /// `PRAGMA` statements run on every open (page size, journal mode, cache).
    public var pragmas: String

    public init(busyTimeout: Int32, pragmas: String) {
        self.busyTimeout = busyTimeout
        self.pragmas = pragmas
    }
}

extension Database {
    /// Opens (creating when missing) the database at `path` and brings it to `schema`'s
    /// version: a new file (user_version 0) gets ``Schema/create``; an older one runs its
    /// pending migrations in order, then ``Schema/create`` (for tables a migration need not
    /// spell out), all in one transaction, so a failure or a kill leaves the file as it was.
    /// A version below 0 or above the schema's throws what `unknownVersion` makes of it.
    /// `configure` runs on the new connection first (SQL functions the migrations may use).
    public static func open(
        path: String, options: OpenOptions, schema: Schema, configure: (Database) -> Void = { _ in },
        unknownVersion: (Int) -> Error
    ) throws -> Database {
        let db = try Database(path: path)
        configure(db)
        db.setBusyTimeout(milliseconds: options.busyTimeout)
        try db.execute(options.pragmas)
        try db.migrate(to: schema, unknownVersion: unknownVersion)
        return db
    }

    /// Brings the database to `schema`'s version (see ``open(path:options:schema:configure:unknownVersion:)``).
    public func migrate(to schema: Schema, unknownVersion: (Int) -> Error) throws {
        let version = Int(try scalarInt("PRAGMA user_version"))
        if version == schema.version { return }
        if version < 0 || version > schema.version { throw unknownVersion(version) }
        try transaction {
            for migration in schema.pending(from: version) { try migration.apply(self) }
            try execute(schema.create)
            try execute("PRAGMA user_version=\(schema.version)")
        }
    }
}
