import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opening a user's input file: the messages (and exit statuses) a missing, unreadable or
/// wrong kind of file gets, and what kind of descriptor it is.
public enum InputFile {
    /// The first bytes of a gzip file.
    public static let gzipMagic: [UInt8] = [0x1f, 0x8b]

    /// Opens `path` read-only; a directory is refused with "is a directory, not `kind`".
    /// Returns the descriptor (the caller closes it) and its status.
    public static func open(_ path: String, kind: String) throws -> (fd: Int32, status: stat) {
        let fd: Int32
        do {
            fd = try System.openForReading(path)
        } catch {
            if error.errno == ENOENT {
                throw UserError(path: path, "no such file", hint: "check the path", status: .noInput)
            }
            if error.errno == ELOOP {
                throw UserError(
                    path: path, "cannot open: a loop of symbolic links", hint: "point the link at the real file",
                    status: .noInput)
            }
            throw UserError(path: path, "cannot open: \(error)", status: error.errno == EACCES ? .noInput : .ioError)
        }
        let status = (try? System.fstat(fd)) ?? stat()
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw UserError(path: path, "is a directory, not \(kind)", status: .noInput)
        }
        return (fd, status)
    }

    /// Whether a descriptor of this status can be read at any offset (a regular file or a block
    /// device), unlike a pipe, FIFO, socket or terminal.
    public static func isSeekable(_ status: stat) -> Bool {
        let kind = status.st_mode & S_IFMT
        return kind == S_IFREG || kind == S_IFBLK
    }
}
