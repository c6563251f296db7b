import Analysis
import ArgumentParser
import CostModel
import Pricing
import Reporting

#if canImport(Glibc)
    import Glibc
#endif

/// Where the default scenario lives: scenarios/orcha.yaml beside the price sheets.
func defaultScenario(pricingOption: String?) throws -> String {
    let pricing = try ProjectPaths.pricingDirectory(option: pricingOption)
    let root = pricing.lastIndex(of: "/").map { String(pricing[..<$0]) } ?? "."
    let path = (root.isEmpty ? "." : root) + "/scenarios/orcha.yaml"
    // Shown in output: relative to the current directory when it is inside it.
    var buf = [CChar](repeating: 0, count: 4096)
    if getcwd(&buf, buf.count) != nil {
        let cwd = String(cString: buf) + "/"
        if path.hasPrefix(cwd) { return String(path.dropFirst(cwd.count)) }
    }
    return path
}

/// The scenario file's name without folder and extension: scenarios/orcha.yaml -> orcha.
func scenarioStem(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
}

/// The scenario to read (the default one when none is given) and an engine on the catalog.
func engineFor(_ scenario: String?, _ options: CatalogOptions) throws -> (String, Engine) {
    let path = try scenario ?? defaultScenario(pricingOption: options.pricing)
    let catalog = try ProjectPaths.openCatalog(catalogOption: options.catalog, pricingOption: options.pricing)
    return (path, Engine(catalog: catalog))
}

/// Every id names a phase of `cost`, or a usage error with a did-you-mean.
func requirePhases(_ ids: [String], in cost: ScenarioCost) throws {
    for id in ids { _ = try cost.requirePhase(id) }
}
