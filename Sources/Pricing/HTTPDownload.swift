import CCurl
import CostModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// HTTP(S) downloads through libcurl: small files (indexes) into memory with a size limit, and
/// large ones (price lists) streamed into a pipe that the importer reads (``HTTPBodyStream``).
///
/// Every transfer: User-Agent `orcha-cost/VERSION`, redirects followed (at most 5, http and https
/// only), HTTP status >= 400 is a failure, 15 s to connect, and a transfer slower than 1 byte/s
/// for 60 s is aborted. libcurl honours the proxy variables itself (`http_proxy` for http URLs,
/// `HTTPS_PROXY`/`https_proxy` for https URLs, `NO_PROXY`/`no_proxy`).
public enum HTTPDownload {
    public static let userAgent = "orcha-cost"
    /// Seconds to establish a connection.
    public static let connectTimeout = 15
    /// A transfer below `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is aborted.
    public static let lowSpeedLimit = 1
    public static let lowSpeedTime = 60

    /// `curl_global_init` once, before any thread uses libcurl.
    static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    /// A configured easy handle for `url` (nil when libcurl cannot make one).
    static func handle(_ url: String, errorBuffer: UnsafeMutablePointer<CChar>) -> UnsafeMutableRawPointer? {
        guard globalInit, let h = curl_easy_init() else { return nil }
        _ = orcha_curl_setopt_string(h, CURLOPT_URL, url)
        _ = orcha_curl_setopt_string(h, CURLOPT_USERAGENT, userAgent)
        _ = orcha_curl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 1)
        _ = orcha_curl_setopt_long(h, CURLOPT_MAXREDIRS, 5)
        _ = orcha_curl_setopt_string(h, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = orcha_curl_setopt_string(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = orcha_curl_setopt_long(h, CURLOPT_FAILONERROR, 1)
        _ = orcha_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT, connectTimeout)
        _ = orcha_curl_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, lowSpeedLimit)
        _ = orcha_curl_setopt_long(h, CURLOPT_LOW_SPEED_TIME, lowSpeedTime)
        _ = orcha_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        _ = orcha_curl_setopt_long(h, CURLOPT_BUFFERSIZE, 256 * 1024)
        errorBuffer[0] = 0
        _ = orcha_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, errorBuffer)
        return h
    }

    /// What went wrong with a transfer, as a user error naming the URL, with the sysexits status:
    /// 69 (EX_UNAVAILABLE) when the server cannot be reached, 76 (EX_PROTOCOL) for an HTTP
    /// error or a body cut short.
    static func failure(
        url: String, code: CURLcode, httpStatus: Int, detail: String, bodyStarted: Bool, received: Int, expected: Int?,
        byHand: String? = nil
    ) -> UserError {
        let byHand = byHand ?? "download the file by hand (curl -fLo FILE '\(url)') and run orcha-cost catalog import FILE"
        let detailText = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        if code == CURLE_HTTP_RETURNED_ERROR || httpStatus >= 400 {
            return UserError(
                message: "cannot download \(url): the server answered HTTP \(httpStatus)",
                hint: byHand, status: .protocolError)
        }
        if bodyStarted || code == CURLE_PARTIAL_FILE {
            let of = expected.map { " of \($0)" } ?? ""
            return UserError(
                message:
                    "the download of \(url) was cut short after \(received)\(of) bytes (\(detailText)); nothing of it was imported",
                hint: "run the command again; or " + byHand, status: .protocolError)
        }
        let unreachable: Set<UInt32> = [
            CURLE_COULDNT_RESOLVE_PROXY.rawValue, CURLE_COULDNT_RESOLVE_HOST.rawValue, CURLE_COULDNT_CONNECT.rawValue,
            CURLE_OPERATION_TIMEDOUT.rawValue, CURLE_SSL_CONNECT_ERROR.rawValue, CURLE_SEND_ERROR.rawValue,
            CURLE_RECV_ERROR.rawValue, CURLE_PEER_FAILED_VERIFICATION.rawValue,
        ]
        if unreachable.contains(code.rawValue) {
            return UserError(
                message: "cannot reach \(url): \(detailText)",
                hint:
                    "check the network connection and the proxy settings (HTTPS_PROXY, http_proxy, NO_PROXY); --endpoint URL chooses another server; or "
                    + byHand,
                status: .unavailable)
        }
        return UserError(message: "cannot download \(url): \(detailText)", hint: byHand, status: .protocolError)
    }

    /// Collects a small body in memory, refusing more than a limit.
    final class Collector {
        var bytes: [UInt8] = []
        let limit: Int
        var exceeded = false
        init(limit: Int) { self.limit = limit }
    }

    /// The whole body of `url`, at most `limit` bytes (an index file; a larger body is an error,
    /// so a hostile or broken server cannot exhaust memory).
    /// `byHand` replaces the hint's "download the file by hand" advice.
    public static func fetch(_ url: String, limit: Int, byHand: String? = nil) throws -> [UInt8] {
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        guard let h = handle(url, errorBuffer: errorBuffer) else {
            throw UserError(message: "cannot initialise libcurl", status: .software)
        }
        defer { curl_easy_cleanup(h) }
        let collector = Collector(limit: limit)
        let context = Unmanaged.passRetained(collector)
        defer { context.release() }
        let write: orcha_curl_write_callback = { data, size, count, ctx in
            let c = Unmanaged<Collector>.fromOpaque(ctx!).takeUnretainedValue()
            let n = size * count
            if c.bytes.count + n > c.limit {
                c.exceeded = true
                return 0
            }
            if let data { c.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: n)) }
            return n
        }
        _ = orcha_curl_setopt_write(h, write, context.toOpaque())
        let code = curl_easy_perform(h)
        if collector.exceeded {
            throw UserError(
                message: "\(url) is larger than \(limit / 1_000_000) MB: not a price-list index",
                hint: "check --endpoint; the service and region indexes are small JSON files", status: .protocolError)
        }
        if code != CURLE_OK {
            throw failure(
                url: url, code: code, httpStatus: orcha_curl_response_code(h), detail: String(cString: errorBuffer),
                bodyStarted: !collector.bytes.isEmpty, received: collector.bytes.count, expected: nil, byHand: byHand)
        }
        return collector.bytes
    }
}

/// A download streamed into a pipe: a thread runs libcurl and writes the body into the pipe's
/// write end as it arrives; the caller reads the read end (``CSVStream/init(fd:path:size:hints:)``),
/// so the body is never held whole in memory or on disk. ``finish()`` waits for the transfer and
/// throws when it did not end cleanly (HTTP error, connection dropped, body shorter than its
/// Content-Length, chunked body without its last chunk).
public final class HTTPBodyStream: @unchecked Sendable {
    public let url: String
    let condition = NSCondition()
    var readEnd: Int32 = -1
    var writeEnd: Int32 = -1
    // Guarded by `condition`.
    var bodyStarted = false
    var finished = false
    var result = CURLE_OK
    var httpStatus = 0
    var expectedLength: Int?
    var received = 0
    var detail = ""
    var readerGone = false

    init(url: String) { self.url = url }

    /// Starts downloading `url` and returns once the first body bytes arrived (or the transfer
    /// ended); throws when it failed before any body (unreachable, HTTP error).
    public static func open(_ url: String) throws -> HTTPBodyStream {
        // A write into a pipe whose reader stopped must fail with EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        let stream = HTTPBodyStream(url: url)
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw UserError(message: "cannot create a pipe: \(String(cString: strerror(errno)))", status: .ioError)
        }
        stream.readEnd = fds[0]
        stream.writeEnd = fds[1]
        // The writer never blocks for good: a full pipe is waited on with poll, so that a reader
        // that gave up (``cancel()``) stops the transfer even if it still holds the read end.
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        _ = HTTPDownload.globalInit
        let thread = Thread { stream.perform() }
        thread.stackSize = 1 << 20
        thread.start()
        stream.condition.lock()
        while !stream.bodyStarted && !stream.finished { stream.condition.wait() }
        let failedEarly = stream.finished && stream.result != CURLE_OK && !stream.bodyStarted
        stream.condition.unlock()
        if failedEarly {
            let error = stream.error()
            close(stream.readEnd)
            stream.readEnd = -1
            throw error ?? UserError(message: "cannot download \(url)", status: .protocolError)
        }
        return stream
    }

    /// The Content-Length the server announced (nil for a chunked body).
    public var contentLength: Int? {
        condition.lock()
        defer { condition.unlock() }
        return expectedLength
    }

    /// The read end of the pipe, for the caller to own (and close) from now on.
    public func takeReadEnd() -> Int32 {
        let fd = readEnd
        readEnd = -1
        return fd
    }

    var cancelled = false

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Tells the transfer to stop (the reader gave up): the next write of the body aborts it.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }

    /// Waits for the transfer to end; throws the download's failure, if any.
    public func finish() throws {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
        if let error = error() { throw error }
    }

    /// The failure of a finished transfer (nil when it ended cleanly).
    public func error() -> UserError? {
        condition.lock()
        defer { condition.unlock() }
        guard finished, result != CURLE_OK else { return nil }
        if readerGone && result == CURLE_WRITE_ERROR {
            return UserError(message: "the reader of \(url) stopped before the end of the download", status: .software)
        }
        return HTTPDownload.failure(
            url: url, code: result, httpStatus: httpStatus, detail: detail, bodyStarted: bodyStarted, received: received,
            expected: expectedLength)
    }

    /// Whether the transfer ended, and failed (after waiting for it to end).
    public func waitFailed() -> Bool {
        condition.lock()
        while !finished { condition.wait() }
        defer { condition.unlock() }
        return result != CURLE_OK && !(readerGone && result == CURLE_WRITE_ERROR)
    }

    deinit {
        if readEnd >= 0 { close(readEnd) }
    }

    /// Runs on the download thread.
    func perform() {
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var code = CURLE_FAILED_INIT
        var status = 0
        if let h = HTTPDownload.handle(url, errorBuffer: errorBuffer) {
            let context = Unmanaged.passUnretained(self).toOpaque()
            let write: orcha_curl_write_callback = { data, size, count, ctx in
                let s = Unmanaged<HTTPBodyStream>.fromOpaque(ctx!).takeUnretainedValue()
                return s.body(data, size * count)
            }
            _ = orcha_curl_setopt_write(h, write, context)
            _ = orcha_curl_setopt_pointer(h, CURLOPT_PRIVATE, context)
            handleForCallbacks = h
            code = curl_easy_perform(h)
            status = orcha_curl_response_code(h)
            handleForCallbacks = nil
            curl_easy_cleanup(h)
        }
        // The reader sees the end of the pipe only now, after the result is known.
        condition.lock()
        result = code
        httpStatus = status
        detail = String(cString: errorBuffer)
        finished = true
        condition.broadcast()
        condition.unlock()
        close(writeEnd)
    }

    /// The easy handle while `perform` runs (the write callback reads the status from it).
    var handleForCallbacks: UnsafeMutableRawPointer?

    /// The write callback: the bytes go into the pipe, whole; 0 aborts the transfer.
    func body(_ data: UnsafeMutablePointer<CChar>?, _ n: Int) -> Int {
        condition.lock()
        if !bodyStarted, let h = handleForCallbacks {
            bodyStarted = true
            httpStatus = orcha_curl_response_code(h)
            let length = orcha_curl_content_length(h)
            expectedLength = length >= 0 ? Int(length) : nil
            condition.broadcast()
        }
        condition.unlock()
        guard let data, n > 0 else { return n }
        var offset = 0
        while offset < n {
            let w = write(writeEnd, data + offset, n - offset)
            if w < 0 {
                let err = errno
                if err == EINTR { continue }
                if err == EAGAIN && !isCancelled {
                    // The pipe is full: wait for the reader, looking at `cancelled` now and then.
                    var p = pollfd(fd: writeEnd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, 200)
                    continue
                }
                condition.lock()
                readerGone = true
                condition.unlock()
                return 0
            }
            offset += w
        }
        condition.lock()
        received += n
        condition.unlock()
        return n
    }
}
