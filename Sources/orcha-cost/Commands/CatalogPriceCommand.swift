import ArgumentParser
import CostModel
import Pricing
import Reporting

struct CatalogPrice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "Show the price the engine uses for a key in a region, and where it comes from.",
        discussion: """
            Example:
              orcha-cost catalog price ec2.instance.t4g.medium.linux --region eu-central-1
            """
    )

    @OptionGroup var options: CatalogOptions
    @Argument(help: "Price key, e.g. ec2.nat_gateway.hour.") var key: String
    @Option(help: "Region code.") var region: String = "eu-central-1"

    func run() throws {
        try reportingErrors {
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
            let resolver = PriceResolver(catalog: catalog)
            guard let p = try resolver.resolve(key: key, region: region) else {
                let missing = resolver.missingPrice(key: key, region: region)
                throw UserError(message: missing.message, hint: missing.hint, status: .dataError)
            }
            Terminal.out(
                "\(p.key) in \(p.region)\(p.foundIn != p.region ? " (global price)" : ""): \(p.service), per \(p.unit)\n")
            for t in p.tiers {
                let range = p.tiers.count > 1 ? "  \(t.start)..\(t.end.map(\.description) ?? "")" : ""
                Terminal.out("  \(t.price) USD per \(p.unit)\(range)\n")
            }
            Terminal.out("effective \(p.effectiveDate)\nquality: \(p.quality.rawValue)\nsource: \(p.source)\n")
            for note in p.notes { Terminal.out("note: \(note)\n") }
        }
    }
}
