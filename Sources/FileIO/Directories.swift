import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folders of the files orcha-cost creates (the catalog, the data store).
public enum Directories {
    /// The folder part of `path` (empty when it has none).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Creates `dir` and its missing parents (as `mkdir -p`); fails with exit 73.
    public static func create(_ dir: String) throws {
        var current = dir.hasPrefix("/") ? "" : "."
        for part in dir.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw UserError(
                    path: current, "cannot create directory: \(String(cString: strerror(errno)))",
                    status: .cantCreate)
            }
        }
    }
}
