/// One price row as `catalog query` shows it.
public struct PriceRow: Sendable {
    public var sku: String
    public var priceKey: String?
    public var service: String
    public var region: String
    public var usageType: String
    public var operation: String
    public var productFamily: String
    public var description: String
    public var unit: String
    public var price: String
    public var beginRange: String
    public var endRange: String
    public var termType: String
    public var offerTermCode: String
    public var rateCode: String
    public var leaseContractLength: String
    public var purchaseOption: String
    public var offeringClass: String
    public var currency: String
    public var effectiveDate: String
    public var source: String
    /// The product attributes as a JSON object text.
    public var attributesJSON: String

    public init(
        sku: String, priceKey: String?, service: String, region: String, usageType: String, operation: String,
        productFamily: String, description: String, unit: String, price: String, beginRange: String, endRange: String,
        termType: String, offerTermCode: String, rateCode: String, leaseContractLength: String, purchaseOption: String,
        offeringClass: String, currency: String, effectiveDate: String, source: String, attributesJSON: String
    ) {
        self.sku = sku
        self.priceKey = priceKey
        self.service = service
        self.region = region
        self.usageType = usageType
        self.operation = operation
        self.productFamily = productFamily
        self.description = description
        self.unit = unit
        self.price = price
        self.beginRange = beginRange
        self.endRange = endRange
        self.termType = termType
        self.offerTermCode = offerTermCode
        self.rateCode = rateCode
        self.leaseContractLength = leaseContractLength
        self.purchaseOption = purchaseOption
        self.offeringClass = offeringClass
        self.currency = currency
        self.effectiveDate = effectiveDate
        self.source = source
        self.attributesJSON = attributesJSON
    }
}
