import CostModel
import FileIO
import SQLiteStore

/// The pricing catalog: one SQLite file holding the reviewed price sheets from `pricing/` and
/// any official AWS Price List files imported with `catalog import`.
///
/// Tables: `sources` (one row per sheet file or imported file, with its publication date and
/// version), `products` (one row per SKU / price key and region, with its attributes: a JSON
/// object for sheets and catalogs before schema 5, else the compact form of
/// ``CompactAttributes`` whose distinct values are in `attribute_values`) and `prices` (one row
/// per term × price dimension × tier, price kept as written). Read attributes through the SQL
/// function `attributes_json(p.source_id, p.attributes)`.
public final class Catalog {
    public static let schemaVersion = 6
    /// Page cache of a connection, and of a bulk import (``PriceListImporter``), in KiB.
    static let cacheKiB = 8000
    static let bulkCacheKiB = 16000
    /// While a bulk import builds the lookup indexes (see ``PriceListImporter``).
    static let indexBuildCacheKiB = 2000
    public let db: Database
    public let path: String
    let attributeDecoder: AttributeDecoder

    static let schema = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sources (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,              -- 'sheet' | 'price-list' | 'savings-plan'
            path TEXT NOT NULL,
            offer_code TEXT,
            format_version TEXT,
            publication_date TEXT,
            version TEXT,
            imported_at TEXT NOT NULL,
            bytes INTEGER NOT NULL DEFAULT 0,
            rows INTEGER NOT NULL DEFAULT 0,
            columns TEXT,                    -- JSON array of the file's attribute column names
            first_product INTEGER,           -- its products' ids run from first_product to last_product
            last_product INTEGER             -- (inserted one after the other; another source's may share the range)
        );
        CREATE TABLE IF NOT EXISTS products \(productsColumns);
        CREATE TABLE IF NOT EXISTS prices (
            id INTEGER PRIMARY KEY,
            product_id INTEGER NOT NULL REFERENCES products(id),
            term_type TEXT NOT NULL,         -- OnDemand | Reserved | SavingsPlan | Sheet
            offer_term_code TEXT,
            rate_code TEXT,
            description TEXT,
            effective_date TEXT,
            begin_range TEXT,
            end_range TEXT,
            unit TEXT NOT NULL,
            price TEXT NOT NULL,             -- exactly as written in the file
            price_e10 INTEGER NOT NULL,      -- price × 10^10
            currency TEXT,
            related_to TEXT,
            lease_contract_length TEXT,
            purchase_option TEXT,
            offering_class TEXT,
            source_note TEXT,                -- sheets: the row's source text
            quality TEXT                     -- sheets: sheet | proxy | estimate
        );
        CREATE TABLE IF NOT EXISTS price_keys (  -- the key registry, pricing/keys.csv
            pattern TEXT PRIMARY KEY,
            service TEXT NOT NULL,
            unit TEXT NOT NULL,
            usage_type TEXT NOT NULL,
            match TEXT NOT NULL,
            scope TEXT NOT NULL,             -- regional | global
            description TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS attribute_values (  -- each distinct attribute value of an imported file, once
            source_id INTEGER NOT NULL,
            id INTEGER NOT NULL,             -- 1, 2, ... within the source, as its products' attributes refer to it
            value TEXT NOT NULL,
            PRIMARY KEY (source_id, id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS prices_product ON prices (product_id);
        """ + productIndexes.map { "CREATE INDEX IF NOT EXISTS \($0.name) ON products \($0.columns);" }.joined(separator: "\n")

    /// The products table's columns. One product per (source_id, product_key): the importer
    /// keeps it so (a UNIQUE constraint would be an index no bulk import could drop).
    static let productsColumns = """
        (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            product_key TEXT NOT NULL,       -- SKU; for Savings Plans rows the rate code
            sku TEXT NOT NULL,
            service TEXT NOT NULL,
            region TEXT NOT NULL,            -- region code, or 'global'
            product_family TEXT,
            usage_type TEXT,                 -- as written (with region prefix)
            usage_type_base TEXT,            -- without the region prefix
            operation TEXT,
            attributes NOT NULL              -- BLOB: compact (CompactAttributes); TEXT: JSON object
        )
        """

    /// The products table's lookup indexes (a large import drops them and builds them again,
    /// sorted, at its end; see ``PriceListImporter``): by usage type, region and service (the
    /// resolver's lookup, and `catalog query --usage-type` with or without a region), by price
    /// key and region for the sheets' products (the only ones without a usage type: imported
    /// products always have one, empty at worst, and are never looked up by key). A source's
    /// products are found by their id range (`sources.first_product`, `last_product`: one
    /// source's products are inserted one after the other, in one transaction) and `source_id`,
    /// not through an index (``productsOfSource``).
    static let productIndexes: [(name: String, columns: String)] = [
        ("products_lookup", "(usage_type_base, region, service)"),
        ("products_key", "(product_key, region) WHERE usage_type IS NULL"),
    ]

    /// The condition on `p` (products) and `s` (sources) for the products of source `s`: a scan
    /// of its id range, each product checked for its source (the ids of a source's deleted
    /// products may have gone to a later source's). Join `sources s CROSS JOIN products p`, so
    /// that SQLite reads the sources first (else it may scan every product).
    /// (`+p.source_id`: no automatic index of every product's source either).
    static let productsOfSource = "p.id BETWEEN s.first_product AND s.last_product AND +p.source_id = s.id"

    /// From schemas 1-5: `products_source (source_id, product_key)` (`(source_id)` before schema
    /// 4) found a source's products; `sources` now holds their id range instead (one index less
    /// to build at the end of a bulk import: 0.14-0.16 s of 216,000 products).
    static func migrateFrom5(_ db: Database) throws {
        for column in ["first_product", "last_product"] {
            let has = "SELECT COUNT(*) FROM pragma_table_info('sources') WHERE name = '\(column)'"
            if try db.scalarInt(has) == 0 { try db.execute("ALTER TABLE sources ADD COLUMN \(column) INTEGER") }
        }
        for statement in migrationFrom5 { try db.execute(statement) }
    }
    static let migrationFrom5 = [
        """
        UPDATE sources SET first_product = (SELECT MIN(id) FROM products WHERE source_id = sources.id),
                           last_product = (SELECT MAX(id) FROM products WHERE source_id = sources.id)
        """,
        "DROP INDEX IF EXISTS products_source",
    ]

    /// Sheet products in a query that reads them by key (``productIndexes``: products_key).
    static let isSheetProduct = "p.usage_type IS NULL"

    /// From schema 4: products_key indexed every product, imported ones too (their keys are SKUs
    /// no lookup asks for); now only the sheets' (schema 5 also added attribute_values).
    static let migrationFrom4 = "DROP INDEX IF EXISTS products_key;"

    /// From schema 3: the products table had UNIQUE (source_id, product_key), an index no import
    /// could drop (the table is copied without it); products_lookup was (service, region,
    /// usage_type_base) beside products_usage (usage_type_base, region) and products_source
    /// (source_id), one index more for every product an import inserts; and usage types of
    /// us-east-1 such as `TS-LoadBalancerUsage` were stored with a base that dropped `TS-` as if
    /// it were a region prefix (a prefix now needs a digit, or is `EU`).
    static let migrationFrom3 = """
        CREATE TABLE products_v4 \(productsColumns);
        INSERT INTO products_v4 SELECT id, source_id, product_key, sku, service, region, product_family, usage_type,
            usage_type_base, operation, attributes FROM products;
        DROP TABLE products;
        ALTER TABLE products_v4 RENAME TO products;
        UPDATE products SET usage_type_base = usage_type
        WHERE usage_type_base != usage_type
          AND source_id IN (SELECT id FROM sources WHERE kind != 'sheet')
          AND substr(usage_type, 1, length(usage_type) - length(usage_type_base) - 1) NOT GLOB '*[0-9]'
          AND substr(usage_type, 1, length(usage_type) - length(usage_type_base) - 1) != 'EU';
        """

    /// The catalog's schema: the current tables (``schema``), and the steps from older ones.
    /// Versions 1-2 lack indexes, 3 has other ones, no key registry and no sheet quality; each
    /// step brings a file one version on, and ``schema`` adds what a step need not spell out
    /// (the key registry, attribute_values). The sheets reload after any step, because their
    /// fingerprint names the version.
    static let schemaSteps = Schema(
        version: schemaVersion, create: schema,
        migrations: [
            Migration(version: 4, name: "products without UNIQUE, usage-type bases, sheet quality") { db in
                try db.execute(Catalog.migrationFrom3)
                if try db.scalarInt("SELECT COUNT(*) FROM pragma_table_info('prices') WHERE name = 'quality'") == 0 {
                    try db.execute("ALTER TABLE prices ADD COLUMN quality TEXT")
                }
            },
            // Schema 4 to 5 adds attribute_values (in ``schema``); its products keep their JSON
            // attributes, which attributes_json reads as they are.
            Migration(version: 5, name: "products_key of sheet products only", sql: Catalog.migrationFrom4),
            Migration(version: 6, name: "id ranges of a source's products", apply: Catalog.migrateFrom5),
        ])

    /// Connection settings of every open.
    static func openOptions(busyTimeout: Int32) -> OpenOptions {
        OpenOptions(
            busyTimeout: busyTimeout,
            pragmas:
                "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-\(Catalog.cacheKiB);"
        )
    }

    /// Opens (creating when missing) the catalog at `path`. Waits up to `busyTimeout` ms for
    /// another orcha-cost process that holds the write lock.
    public init(path: String, busyTimeout: Int32 = 10_000) throws {
        self.path = path
        let dir = Directories.parent(of: path)
        if !dir.isEmpty { try Directories.create(dir) }
        var decoder: AttributeDecoder?
        do {
            db = try Database.open(
                path: path, options: Catalog.openOptions(busyTimeout: busyTimeout), schema: Catalog.schemaSteps,
                configure: { database in
                    decoder = AttributeDecoder(db: database)
                    decoder?.register()
                },
                unknownVersion: { version in
                    UserError(
                        path: path,
                        "catalog schema version \(version) is not the version this orcha-cost uses (\(Catalog.schemaVersion))",
                        hint: "delete the file; it is rebuilt from pricing/ (re-run catalog import for price lists)",
                        status: .dataError)
                })
        } catch let error as SQLiteError {
            throw Catalog.userError(error, path: path)
        }
        attributeDecoder = decoder!
    }

    deinit { attributeDecoder.unregister() }

    /// What SQLite failures of a catalog tell the user.
    static let messages = StoreMessages(
        busy: "catalog busy: another orcha-cost process is writing it",
        notUsable: "not a usable catalog",
        notUsableHint: "delete the file; it is rebuilt from pricing/ (re-run catalog import for price lists)",
        cannotOpen: "cannot open the catalog for writing",
        cannotOpenHint: "check the directory exists and is writable, or pass --catalog PATH",
        ioError: "I/O error writing the catalog", other: "catalog error")

    /// Maps SQLite failures to messages a user can act on.
    static func userError(_ error: SQLiteError, path: String) -> UserError { error.userError(path: path, messages) }

    func meta(_ key: String) throws -> String? {
        try db.scalarText("SELECT value FROM meta WHERE key = ?", [.text(key)])
    }

    func setMeta(_ key: String, _ value: String) throws {
        let st = try db.prepare("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        try st.bind([.text(key), .text(value)])
        try st.run()
    }

    /// Records the id range of a source's products (``productsOfSource``); nil when it has none.
    func setProductRange(source: Int64, _ range: ClosedRange<Int64>?) throws {
        let st = try db.prepare("UPDATE sources SET first_product = ?, last_product = ? WHERE id = ?")
        try st.bind([
            range.map { .int($0.lowerBound) } ?? .null, range.map { .int($0.upperBound) } ?? .null, .int(source),
        ])
        try st.run()
    }

    /// Inserts a `sources` row and returns its id.
    func addSource(
        kind: String, path: String, offerCode: String?, formatVersion: String?, publicationDate: String?,
        version: String?, bytes: Int, columns: [String]
    ) throws -> Int64 {
        let st = try db.prepare(
            """
            INSERT INTO sources(kind, path, offer_code, format_version, publication_date, version, imported_at, bytes, columns)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try st.bind([
            .text(kind), .text(path), offerCode.map(SQLValue.text) ?? .null,
            formatVersion.map(SQLValue.text) ?? .null, publicationDate.map(SQLValue.text) ?? .null,
            version.map(SQLValue.text) ?? .null, .text(Clock.nowISO8601()), .int(Int64(bytes)),
            .text(JSON.array(columns)),
        ])
        try st.run()
        return db.lastInsertRowID
    }
}
