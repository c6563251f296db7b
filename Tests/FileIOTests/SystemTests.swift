import CostModel
import FileIO
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Signals the interrupting test received (its handler only counts).
nonisolated(unsafe) var signalsReceived = 0

@Suite struct SystemTests {
    /// Writes 8 MiB into a pipe whose reader drains it slowly, while another thread sends the
    /// writer SIGUSR1 every 200 µs through a handler installed without SA_RESTART: each blocked
    /// write(2) then either fails with EINTR (nothing written yet) or returns a short count.
    /// ``System/writeAll(_:_:)`` must deliver every byte, in order.
    @Test func writeAllRetriesInterruptedAndShortWrites() throws {
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { _ in signalsReceived += 1 }
        #else
            action.__sigaction_u.__sa_handler = { _ in signalsReceived += 1 }
        #endif
        action.sa_flags = 0  // no SA_RESTART: the write returns early
        sigemptyset(&action.sa_mask)
        // The handler stays installed (a no-op): a signal still in flight after the test must
        // not take the default action and end the test process.
        #expect(sigaction(SIGUSR1, &action, nil) == 0)

        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let payload = (0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }

        let received = LockedBytes()
        let reader = Thread {
            var chunk = [UInt8](repeating: 0, count: 16 << 10)
            while true {
                let n = chunk.withUnsafeMutableBytes { (try? System.read(readEnd, $0.baseAddress!, $0.count)) ?? -1 }
                if n <= 0 { break }
                received.append(chunk[0..<n])
                usleep(50)  // slower than the writer: its writes block on a full pipe
            }
            received.finish()
        }
        reader.start()

        // The test's thread may block signals (a thread pool's workers do): let SIGUSR1 in here.
        var unblock = sigset_t()
        var previous = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGUSR1)
        #expect(pthread_sigmask(SIG_UNBLOCK, &unblock, &previous) == 0)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let writer = pthread_self()
        let stop = LockedFlag()
        let signaller = Thread {
            while !stop.isSet {
                pthread_kill(writer, SIGUSR1)
                usleep(200)
            }
            stop.acknowledge()
        }
        let before = signalsReceived
        signaller.start()
        var failure: (any Error)?
        do {
            try payload.withUnsafeBytes { try System.writeAll(writeEnd, $0) }
        } catch {
            failure = error
        }
        stop.set()
        stop.waitForAcknowledgement()
        close(writeEnd)
        received.waitUntilFinished()
        close(readEnd)

        #expect(failure == nil)
        #expect(signalsReceived > before)
        #expect(received.bytes.count == payload.count)
        #expect(received.bytes == payload)
    }

    @Test func writeAllReportsTheErrno() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[1])
        // Writing to a closed descriptor: EBADF, not a loop.
        #expect(throws: SystemError(errno: EBADF)) { try System.writeAll(fds[1], "text") }
        close(fds[0])
        #expect(SystemError(errno: ENOENT).description == String(cString: strerror(ENOENT)))
    }

    @Test func writeAllOfTextWritesItsUTF8() throws {
        let dir = TempDir()
        let path = dir.file("out.txt")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        try System.writeAll(fd, "prix: 5 €\n")
        close(fd)
        #expect(readText(path) == "prix: 5 €\n")
    }
}

/// Bytes a reader thread collects, and when it is done.
final class LockedBytes: @unchecked Sendable {
    private let condition = NSCondition()
    private var collected: [UInt8] = []
    private var done = false

    func append(_ chunk: ArraySlice<UInt8>) {
        condition.lock()
        collected.append(contentsOf: chunk)
        condition.unlock()
    }

    func finish() {
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilFinished() {
        condition.lock()
        while !done { condition.wait() }
        condition.unlock()
    }

    var bytes: [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return collected
    }
}

/// A stop flag, and the stopped thread's acknowledgement (after which it sends no signal).
final class LockedFlag: @unchecked Sendable {
    private let condition = NSCondition()
    private var flag = false
    private var acknowledged = false

    var isSet: Bool {
        condition.lock()
        defer { condition.unlock() }
        return flag
    }

    func set() {
        condition.lock()
        flag = true
        condition.unlock()
    }

    func acknowledge() {
        condition.lock()
        acknowledged = true
        condition.broadcast()
        condition.unlock()
    }

    func waitForAcknowledgement() {
        condition.lock()
        while !acknowledged { condition.wait() }
        condition.unlock()
    }
}
