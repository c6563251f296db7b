import FileIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum Terminal {
    static func stderr(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        writeStderr(line)
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Writes to stdout at once, unbuffered (as ``Output`` writes longer output).
    static func out(_ text: String) {
        write(1, text)
    }

    static func writeStderr(_ text: String) {
        write(2, text)
    }

    /// Writes all of `text` to `fd` (interrupted and short writes retried); a terminal that
    /// cannot be written to has no one to tell.
    static func write(_ fd: Int32, _ text: String) {
        try? System.writeAll(fd, text)
    }

    /// A one-line progress display on stderr, redrawn in place; only on a terminal.
    final class Progress {
        let label: String
        let started: Double
        var lastDraw = 0.0
        let enabled: Bool

        init(label: String) {
            self.label = label
            enabled = Terminal.stderrIsTerminal
            started = Clock.monotonicSeconds()
        }

        func update(bytes: Int, total: Int, rows: Int) {
            guard enabled else { return }
            let t = Clock.monotonicSeconds()
            if t - lastDraw < 0.1 && bytes < total { return }
            lastDraw = t
            let elapsed = max(t - started, 0.001)
            let fraction = total > 0 ? min(1, Double(bytes) / Double(total)) : 0
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let mb = Double(bytes) / 1e6
            let line =
                "\r\(label) [\(bar)] \(fmt(mb)) / \(fmt(Double(total) / 1e6)) MB  \(rows) rows  \(fmt(mb / elapsed)) MB/s  \(Int(Double(rows) / elapsed)) rows/s"
            Terminal.writeStderr(line + "\u{1B}[K")
        }

        func finish() {
            guard enabled else { return }
            Terminal.writeStderr("\r\u{1B}[K")
        }

        func fmt(_ v: Double) -> String {
            let tenths = Int((v * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)"
        }
    }
}
