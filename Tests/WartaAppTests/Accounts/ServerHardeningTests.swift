import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import Testing

@testable import WartaApp

@Suite struct ServerHardeningTests {
    @Test("An idle or stalled connection is closed", arguments: ["", "GET / HTTP/1.1\r\nHost: warta\r\n"])
    func idleConnectionIsClosed(sent: String) async throws {
        try await withTestApp(.sqlite, configure: { $0.connectionIdleTimeout = .milliseconds(300) }) { app, _ in
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let outcome = try await RawConnection.waitForClose(port: port, sending: sent, giveUpAfter: 20)
                #expect(outcome == .closedByServer)
            }
        }
    }

    @Test("A client trickling its body is cut off at the read deadline")
    func tricklingBodyIsCutOff() async throws {
        let configure: (inout AppConfig) -> Void = {
            $0.connectionIdleTimeout = .milliseconds(400)
            $0.requestReadTimeout = .milliseconds(800)
        }
        try await withTestApp(.sqlite, configure: configure) { app, _ in
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let head = "POST /admin/signin HTTP/1.1\r\nHost: warta\r\nContent-Length: 1000\r\n\r\n"
                // One byte every 100 ms for up to 5 s: the idle timeout alone would never fire.
                let outcome = try await RawConnection.trickle(port: port, head: head, bytes: 50)
                #expect(outcome == .closedByServer)
            }
        }
    }

    @Test func timeoutsHaveSensibleDefaults() {
        #expect(AppConfig().connectionIdleTimeout == .seconds(30))
        #expect(AppConfig().requestReadTimeout == .seconds(60))
    }

    @Test("Referrer-Policy on every response, HSTS under https, cache hits included", arguments: [false, true])
    func securityHeaders(https: Bool) async throws {
        let configure: (inout AppConfig) -> Void = { if https { $0.siteURL = "https://berita.example" } }
        try await withTestApp(.sqlite, configure: configure) { app, seed in
            try await seed.article(slug: "banjir-surut")
            try await app.test(.router) { client in
                let miss = try await client.get("/")
                let hit = try await client.get("/")
                let newsroom = try await client.get("/admin/signin")
                let missing = try await client.get("/tidak-ada")
                #expect(cacheHits(seed.services) == 1)
                for response in [miss, hit, newsroom, missing] {
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
                    let hsts = response.headers[.strictTransportSecurity]
                    #expect(hsts == (https ? "max-age=63072000; includeSubDomains" : nil))
                }
            }
        }
    }

    @Test("Trace logs carry no session key, key hash or password hash", arguments: TestDatabase.allCases)
    func traceLogsHoldNoSecrets(database: TestDatabase) async throws {
        let log = CapturedLog()
        var logger = Logger(label: "warta") { _ in CapturingLogHandler(log: log) }
        logger.logLevel = .trace
        try await withTestApp(database, logger: logger) { app, seed in
            let editor = try await seed.staff()
            #expect(seed.services.database.logger.logLevel == WartaDatabase.lowestLevel)
            try await app.test(.router) { client in
                var browser = Browser(client)
                #expect(
                    try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali").status
                        == .seeOther)
                #expect(try await browser.get("/admin/articles").status == .ok)
                let key = try #require(browser.cookies[SessionStore.cookieName])
                let text = log.text
                #expect(text.contains("staff signed in"))
                for secret in [key, TokenHash.sha256Hex("staff." + key), editor.passwordHash, "rahasia-sekali"] {
                    #expect(!text.contains(secret))
                }
            }
        }
    }
}

/// Every log line written, as text with its metadata.
final class CapturedLog: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    func append(_ line: String) { lines.withLockedValue { $0.append(line) } }
    var text: String { lines.withLockedValue { $0.joined(separator: "\n") } }
}

struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        log.append("\(event.level) \(event.message) \(all) \(event.error.map { "\($0)" } ?? "")")
    }
}

/// A plain TCP client that sends some bytes and waits for the server to close the connection.
enum RawConnection {
    enum Outcome: Equatable { case closedByServer, stillOpen, failed(Int32) }

    static func waitForClose(port: Int, sending bytes: String, giveUpAfter seconds: Int) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: blockingWait(port: port, sending: bytes, seconds: seconds))
            }
        }
    }

    /// Sends `head`, then one byte of body every 100 ms (paced by the receive timeout) until the server closes.
    static func trickle(port: Int, head: String, bytes: Int) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: blockingTrickle(port: port, head: head, bytes: bytes))
            }
        }
    }

    private static func blockingTrickle(port: Int, head: String, bytes: Int) -> Outcome {
        let fd = connected(port: port)
        guard fd >= 0 else { return .failed(errno) }
        defer { close(fd) }
        _ = head.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<bytes {
            if send(fd, "x", 1, Int32(MSG_NOSIGNAL)) < 0 { return .closedByServer }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { return .closedByServer }
        }
        return .stillOpen
    }

    /// A connected TCP socket to 127.0.0.1:`port`, or -1.
    private static func connected(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
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
            return -1
        }
        return fd
    }

    private static func blockingWait(port: Int, sending bytes: String, seconds: Int) -> Outcome {
        let fd = connected(port: port)
        guard fd >= 0 else { return .failed(errno) }
        defer { close(fd) }
        if !bytes.isEmpty { _ = bytes.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { return .closedByServer }
            if count < 0 { return errno == EAGAIN || errno == EWOULDBLOCK ? .stillOpen : .closedByServer }
        }
    }
}

func cacheHits(_ services: AppServices) -> Int {
    let line = services.metrics.exposition().split(separator: "\n").first {
        $0.hasPrefix("warta_page_cache_hits_total ")
    }
    return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
}
