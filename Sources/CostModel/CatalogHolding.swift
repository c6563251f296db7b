/// One line of `catalog list`: what one source holds for one service and region.
public struct CatalogHolding: Sendable {
    public var kind: String
    public var path: String
    public var offerCode: String
    public var version: String
    public var publicationDate: String
    public var importedAt: String
    public var service: String
    public var region: String
    public var prices: Int
    public var firstEffective: String
    public var lastEffective: String

    public init(
        kind: String, path: String, offerCode: String, version: String, publicationDate: String, importedAt: String,
        service: String, region: String, prices: Int, firstEffective: String, lastEffective: String
    ) {
        self.kind = kind
        self.path = path
        self.offerCode = offerCode
        self.version = version
        self.publicationDate = publicationDate
        self.importedAt = importedAt
        self.service = service
        self.region = region
        self.prices = prices
        self.firstEffective = firstEffective
        self.lastEffective = lastEffective
    }
}
