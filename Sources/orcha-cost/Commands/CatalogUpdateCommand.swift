import ArgumentParser
import CostModel
import FileIO
import Foundation
import Pricing
import Scenarios

struct CatalogUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Download the current AWS Price List files and import them into the catalog.",
        discussion: """
            Reads the public AWS Price List bulk API (no credentials): the service index, each \
            offer's region index, and each region's CSV, streamed straight into the catalog (no \
            copy in memory or on disk). Each offer and region is one transaction: a download that \
            fails or is cut short leaves the catalog as it was for that offer and region. An offer \
            and region whose version the catalog already holds is skipped.

            Defaults: the offers the price sheets use, in the regions of the scenarios in \
            scenarios/ (their region: and the resources' region: parameters), plus each --region. \
            --service restricts the offers. Offers that cover Savings Plans (AmazonEC2, ...) also \
            bring their Savings Plans file for the same regions.

            The endpoint is --endpoint, else $ORCHA_COST_PRICE_LIST_ENDPOINT, else \
            https://pricing.us-east-1.amazonaws.com. Proxies: HTTPS_PROXY/https_proxy for https \
            URLs, http_proxy (lower case only) for http URLs, NO_PROXY/no_proxy.

            Exit codes: 0 ok, 64 bad command line (unknown offer or region), 69 the endpoint \
            cannot be reached, 76 HTTP error, download cut short or malformed index.

            Examples:
              orcha-cost catalog update
              orcha-cost catalog update --region eu-west-2 --service AmazonRDS
              orcha-cost catalog update --endpoint http://mirror.internal:8080
            """
    )

    @OptionGroup var options: CatalogOptions

    @Option(
        name: .customLong("region"),
        help: ArgumentHelp("Also update this region (repeatable), e.g. eu-west-2.", valueName: "region"))
    var regions: [String] = []

    @Option(
        name: .customLong("service"),
        help: ArgumentHelp(
            "Only this offer (repeatable), e.g. AmazonRDS (default: the offers the sheets use).", valueName: "code"))
    var services: [String] = []

    @Option(help: ArgumentHelp("Price List API base URL (default: https://pricing.us-east-1.amazonaws.com).", valueName: "url"))
    var endpoint: String?

    func run() throws {
        try reportingErrors {
            let pricing = try ProjectPaths.pricingDirectory(option: options.pricing)
            let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: pricing)
            let updater = PriceListUpdater(catalog: catalog, endpoint: try PriceListUpdater.endpoint(option: endpoint))
            let offers = services.isEmpty ? try PriceListUpdater.defaultOffers(catalog) : services
            let root = Directories.parent(of: pricing)
            let scenarioRegions = ScenarioRegions.find(in: (root.isEmpty ? "." : root) + "/scenarios")
            let plan = try updater.plan(
                offers: offers, offersExplicit: !services.isEmpty, regions: (scenarioRegions + regions).sorted(),
                explicitRegions: regions)
            for offer in plan.missingOffers {
                Terminal.out("\(offer): not in the service index of \(updater.endpoint); skipped\n")
            }
            var imported = 0
            var current = 0
            var notOffered = 0
            var failures: [UserError] = []
            entries: for entry in plan.entries {
                switch entry {
                case .notOffered(let offer, let region):
                    notOffered += 1
                    Terminal.out("\(region) \(offer): not offered in \(region)\n")
                case .target(let target):
                    let name = "\(target.region) \(target.offerCode) \(target.version ?? "")"
                    if try updater.isInCatalog(target) {
                        current += 1
                        Terminal.out("\(name): already in the catalog\n")
                        continue
                    }
                    let progress = Terminal.Progress(label: name)
                    do {
                        let s = try updater.importTarget(target) { progress.update(bytes: $0, total: $1, rows: $2) }
                        progress.finish()
                        imported += 1
                        Terminal.out(
                            """
                            \(name): imported \(s.rows) price rows, \(s.products) products \
                            (\(s.offerCode), published \(s.publicationDate))\
                            \(s.replacedRows > 0 ? ", replaced \(s.replacedRows) rows of an earlier version" : "")\n
                            """)
                    } catch let error as UserError {
                        progress.finish()
                        Terminal.stderr(error.description)
                        Terminal.stderr("\(name): nothing imported; the catalog is unchanged for this offer and region")
                        failures.append(error)
                        // Unreachable: the next offers would fail the same way.
                        if error.status == .unavailable { break entries }
                    }
                }
            }
            Terminal.out(
                "\(imported) imported, \(current) already in the catalog, \(notOffered) not offered, \(failures.count) failed\n")
            if !failures.isEmpty {
                let unreachable = failures.contains { $0.status == .unavailable }
                throw ExitCode(unreachable ? ExitStatus.unavailable.rawValue : failures.map(\.status.rawValue).max()!)
            }
        }
    }
}

/// The regions the shipped scenarios use: each scenario's `region:` and the resources'
/// `region:` parameters.
enum ScenarioRegions {
    static func find(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var regions = Set<String>()
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard let (scenario, _) = try? ScenarioLoader.loadPartial(path: directory + "/" + name), let scenario else {
                Terminal.stderr(
                    "\(directory)/\(name): warning: not read (run orcha-cost check on it); its regions are not updated")
                continue
            }
            regions.insert(scenario.region)
            for phase in scenario.phases {
                let specs = phase.resources + phase.add + phase.perTenant
                for params in specs.map(\.params) + phase.change.map(\.params) {
                    if case .text(let region)? = params["region"]?.value { regions.insert(region) }
                }
            }
        }
        return regions.sorted()
    }
}
