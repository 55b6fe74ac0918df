import Foundation

/// One HTTP/1.1 response as read off the wire.
struct RawResponse: Sendable {
    var status = 0
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking HTTP/1.1 client on a plain socket, for what HummingbirdTesting's client cannot show: pipelining,
/// exact framing, HEAD and 304 on the wire, who closes. Every read gives up after `timeout` seconds, which only
/// bounds a failing test: no assertion depends on it. One thread reads; another may send (a socket allows it).
final class RawHTTPConnection: @unchecked Sendable {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Int = 20, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError.connect(errno) }
        var interval = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw RawHTTPError.connect(errno)
        }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { raw in
                Foundation.send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw RawHTTPError.send(errno) }
            offset += sent
        }
    }

    /// The next response; `isHead` when it answers a HEAD (no body follows whatever the headers say).
    func response(isHead: Bool = false) throws -> RawResponse {
        var response = RawResponse()
        let head = try line(until: [13, 10, 13, 10])
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        response.status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            response.headers.append((String(line[..<colon]), value))
        }
        if isHead || response.status == 304 || response.status == 204 { return response }
        if response.header("transfer-encoding") == "chunked" {
            while true {
                let size = Int(String(decoding: try line(until: [13, 10]), as: UTF8.self), radix: 16) ?? 0
                response.body += try take(size + 2).dropLast(2)
                if size == 0 { break }
            }
        } else {
            response.body = try take(Int(response.header("content-length") ?? "0") ?? 0)
        }
        return response
    }

    /// True when the server has closed the connection (end of stream) with nothing more to read.
    func isClosedByServer() -> Bool {
        guard buffer.isEmpty else { return false }
        return (try? fill()) == false
    }

    private func line(until terminator: [UInt8]) throws -> [UInt8] {
        while true {
            if let range = firstRange(of: terminator) {
                let line = Array(buffer[..<range.lowerBound])
                buffer.removeFirst(range.upperBound)
                return line
            }
            guard try fill() else { throw RawHTTPError.closed }
        }
    }

    private func take(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw RawHTTPError.closed }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    private func firstRange(of terminator: [UInt8]) -> Range<Int>? {
        guard buffer.count >= terminator.count else { return nil }
        for start in 0...(buffer.count - terminator.count)
        where buffer[start..<(start + terminator.count)].elementsEqual(terminator) {
            return start..<(start + terminator.count)
        }
        return nil
    }

    /// Reads more; false at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &chunk, chunk.count, 0)
        if count == 0 { return false }
        guard count > 0 else { throw errno == EAGAIN || errno == EWOULDBLOCK ? RawHTTPError.timedOut : .recv(errno) }
        buffer += chunk[..<count]
        return true
    }
}

enum RawHTTPError: Error { case connect(Int32), send(Int32), recv(Int32), closed, timedOut }

/// Runs blocking socket work on its own thread, so the server's event loops and the test's tasks go on.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

/// A GET or HEAD as a browser without a session sends it.
func rawRequest(
    _ path: String, method: String = "GET", headers: [String] = [], close: Bool = false
) -> String {
    var text = "\(method) \(path) HTTP/1.1\r\nHost: warta\r\n"
    for header in headers { text += header + "\r\n" }
    if close { text += "Connection: close\r\n" }
    return text + "\r\n"
}
