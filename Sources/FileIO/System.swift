#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system calls FileIO makes, in one place, each retried when a signal interrupts it
/// (`EINTR`), as swift-nio's `System.swift` wraps them. A failure comes back as the `errno`
/// value in ``SystemError``.
public enum System {
    /// `read(2)`: up to `count` bytes into `buffer`; 0 at the end.
    public static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) throws(SystemError) -> Int {
        try retrying { systemRead(fd, buffer, count) }
    }

    /// `pread(2)`: up to `count` bytes at `offset`; 0 at the end.
    public static func pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int64) throws(SystemError)
        -> Int
    {
        try retrying { systemPread(fd, buffer, count, off_t(offset)) }
    }

    /// Writes all of `bytes` to `fd`: `write(2)` again after a short write or an `EINTR`, until
    /// every byte is written or a call fails.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = try retrying { systemWrite(fd, next, left) }
            // write(2) returns 0 only for a count of 0; guard against a loop all the same.
            if n == 0 { throw SystemError(errno: EIO) }
            next += n
            left -= n
        }
    }

    /// Writes all of `text`'s UTF-8 bytes to `fd` (``writeAll(_:_:)-(_,UnsafeRawBufferPointer)``).
    public static func writeAll(_ fd: Int32, _ text: String) throws(SystemError) {
        var copy = text
        let result: Result<Void, SystemError> = copy.withUTF8 { buffer in
            do throws(SystemError) {
                try writeAll(fd, UnsafeRawBufferPointer(buffer))
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// `open(2)` read-only.
    public static func openForReading(_ path: String) throws(SystemError) -> Int32 {
        try retrying { systemOpen(path, O_RDONLY) }
    }

    /// `fstat(2)`.
    public static func fstat(_ fd: Int32) throws(SystemError) -> stat {
        var st = stat()
        _ = try retrying { systemFstat(fd, &st) }
        return st
    }

    /// Runs `call` until it does not fail with `EINTR`; a result below 0 throws `errno`.
    @inline(__always)
    static func retrying<T: BinaryInteger>(_ call: () -> T) throws(SystemError) -> T {
        while true {
            let result = call()
            if result >= 0 { return result }
            let err = errno
            if err != EINTR { throw SystemError(errno: err) }
        }
    }
}

// The C functions under names the methods of ``System`` do not shadow.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemPread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: off_t) -> Int {
    pread(fd, buffer, count, offset)
}
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func systemFstat(_ fd: Int32, _ st: UnsafeMutablePointer<stat>) -> Int32 { fstat(fd, st) }

/// A failed system call's `errno`.
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public var errno: Int32

    public init(errno: Int32) { self.errno = errno }

    /// `strerror(3)`'s text.
    public var description: String { String(cString: strerror(errno)) }
}
