import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the price sheets and the catalog live when the user does not say.
///
/// Price sheets: `--pricing DIR`, else `$ORCHA_COST_PRICING`, else the nearest `pricing/` folder
/// with sheets in the current directory or a parent, else the checkout the binary was built in.
/// Catalog: `--catalog PATH`, else `$ORCHA_COST_CATALOG`, else `.cache/catalog.sqlite` beside
/// that `pricing/` folder (ignored by git, rebuilt from the sheets when stale). Data store:
/// `--data PATH`, else `$ORCHA_COST_DATA`, else `.cache/data.sqlite` beside the catalog.
public enum ProjectPaths {
    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        return getcwd(&buf, buf.count) != nil ? String(cString: buf) : "."
    }

    static func executableDirectory() -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return nil }
        let path = String(cString: buf)
        return path.lastIndex(of: "/").map { String(path[..<$0]) }
    }

    static func searchUp(from start: String) -> String? {
        var dir = start
        while true {
            if isDirectory(dir + "/pricing/aws") { return dir + "/pricing" }
            guard let slash = dir.lastIndex(of: "/"), dir != "/" else { return nil }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
    }

    public static func pricingDirectory(option: String?) throws -> String {
        if let option { return option }
        if let env = getenv("ORCHA_COST_PRICING") { return String(cString: env) }
        if let found = searchUp(from: currentDirectory()) { return found }
        if let exe = executableDirectory(), let found = searchUp(from: exe) { return found }
        throw UserError(
            message: "cannot find the price sheets (a pricing/aws/ folder)",
            hint: "run inside the orcha-cost checkout, or pass --pricing DIR (or set ORCHA_COST_PRICING)",
            status: .noInput)
    }

    public static func catalogPath(option: String?, pricingDirectory: String) -> String {
        if let option { return option }
        if let env = getenv("ORCHA_COST_CATALOG") { return String(cString: env) }
        let root = pricingDirectory.lastIndex(of: "/").map { String(pricingDirectory[..<$0]) } ?? "."
        return (root.isEmpty ? "." : root) + "/.cache/catalog.sqlite"
    }

    /// The data store (imported metrics and bills): `--data PATH`, else `$ORCHA_COST_DATA`, else
    /// `.cache/data.sqlite` beside the catalog's default place.
    public static func dataPath(option: String?, pricingOption: String? = nil) throws -> String {
        if let option { return option }
        if let env = getenv("ORCHA_COST_DATA") { return String(cString: env) }
        let pricing = try pricingDirectory(option: pricingOption)
        let root = pricing.lastIndex(of: "/").map { String(pricing[..<$0]) } ?? "."
        return (root.isEmpty ? "." : root) + "/.cache/data.sqlite"
    }

    /// Opens the catalog and brings its sheets up to date.
    public static func openCatalog(catalogOption: String?, pricingOption: String?) throws -> Catalog {
        let pricing = try pricingDirectory(option: pricingOption)
        let catalog = try Catalog(path: catalogPath(option: catalogOption, pricingDirectory: pricing))
        try catalog.refreshSheets(pricingDirectory: pricing)
        return catalog
    }
}
