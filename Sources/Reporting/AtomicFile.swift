import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file atomically: to a temporary file in the same directory, flushed, then renamed
/// over the target. A reader never sees half a file; a failure leaves the old file in place.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(to: path) { $0.append(text) }
    }

    /// Writes what `body` appends to its buffer, atomically, in large chunks as it is appended.
    /// Returns the number of bytes written.
    @discardableResult
    public static func write(to path: String, _ body: (inout OutputBuffer) throws -> Void) throws -> Int {
        var existing = stat()
        if stat(path, &existing) == 0 && existing.st_mode & S_IFMT == S_IFDIR {
            throw UserError(
                path: path, "is a directory: cannot create the output file there",
                hint: "give a file name, e.g. \(path.hasSuffix("/") ? path : path + "/")NAME", status: .cantCreate)
        }
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var template = Array(((dir.isEmpty ? "" : dir) + "/.orcha-cost-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw UserError(
                path: path, "cannot create the output file: \(String(cString: strerror(errno)))",
                hint: "check that the directory exists and is writable", status: .cantCreate)
        }
        let temp = String(cString: template)
        var out = OutputBuffer(fd: fd)
        do {
            try body(&out)
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        out.flush()
        var ok = out.errorNumber == 0
        var err = out.errorNumber
        if ok && fsync(fd) != 0 {
            ok = false
            err = errno
        }
        close(fd)
        guard ok, fchmodPath(temp), rename(temp, path) == 0 else {
            let reason = ok ? errno : err
            unlink(temp)
            // A target that cannot be replaced (a directory, no permission) is a place that
            // cannot be written (73); a failing write is an I/O error (74).
            throw UserError(
                path: path, "cannot write the output file: \(String(cString: strerror(reason)))",
                status: ok && (reason == EISDIR || reason == EACCES || reason == EPERM || reason == EROFS)
                    ? .cantCreate : .ioError)
        }
        return out.count
    }

    /// Creates `path` and any missing parent directories (as `mkdir -p`); an existing directory
    /// is fine. Fails with exit 73 when a part exists as a file or cannot be created.
    public static func createDirectory(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw UserError(
                    path: path, "cannot create the directory: \(String(cString: strerror(errno)))", status: .cantCreate)
            }
            var info = stat()
            guard stat(prefix, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw UserError(path: path, "cannot create the directory: '\(prefix)' is a file", status: .cantCreate)
            }
            prefix += "/"
        }
    }

    /// mkstemp creates 0600 files; outputs are ordinary 0644 files.
    static func fchmodPath(_ path: String) -> Bool { chmod(path, 0o644) == 0 }
}
