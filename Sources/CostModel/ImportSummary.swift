/// What one `catalog import` of a file did.
public struct ImportSummary: Sendable {
    public var path: String
    public var offerCode: String
    public var publicationDate: String
    public var version: String
    public var kind: String
    public var rows: Int
    public var products: Int
    public var regions: [String]
    public var replacedRows: Int
    public var bytes: Int
    public var seconds: Double

    public init(
        path: String, offerCode: String, publicationDate: String, version: String, kind: String, rows: Int, products: Int,
        regions: [String], replacedRows: Int, bytes: Int, seconds: Double
    ) {
        self.path = path
        self.offerCode = offerCode
        self.publicationDate = publicationDate
        self.version = version
        self.kind = kind
        self.rows = rows
        self.products = products
        self.regions = regions
        self.replacedRows = replacedRows
        self.bytes = bytes
        self.seconds = seconds
    }
}
