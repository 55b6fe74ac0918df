import Foundation
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import Testing

@testable import WartaApp

private let page = "/2015/10/banjir"
private let other = "/2015/10/kemarau"

/// Cache hits answered by `PageHitHandler`, through a real socket (issue 11).
@Suite struct HitPathTests {
    /// A live app with two articles, `page` already cached by one GET; the body runs with the port.
    static func withLiveApp(
        configure: (inout AppConfig) -> Void = { _ in }, _ body: @escaping @Sendable (Int, Seed) async throws -> Void
    ) async throws {
        try await withTestApp(.sqlite, configure: configure) { app, seed in
            try await seed.article(title: "Banjir Surut", slug: "banjir")
            try await seed.article(title: "Kemarau Panjang", slug: "kemarau")
            try await app.test(.live) { client in
                let port = try #require(client.port)
                _ = try await onThread {
                    let connection = try RawHTTPConnection(port: port)
                    try connection.send(rawRequest(page))
                    return try connection.response().status
                }
                try await body(port, seed)
            }
        }
    }

    @Test("Hits in the channel answer as the router path does: plain, gzip, 304, HEAD", arguments: [false, true])
    func hitsMatchTheRouterPath(https: Bool) async throws {
        let requests = [
            rawRequest(page), rawRequest(page, headers: ["Accept-Encoding: gzip;q=0.5, identity;q=0.4"]),
            rawRequest(page, headers: ["Accept-Encoding: gzip;q=0"]), rawRequest(page, method: "HEAD"),
            rawRequest(page, headers: ["Accept-Language: en;q=0.9, fr"]),
        ]
        let answers = NIOLockedValueBox<[[RawResponse]]>([])
        for inChannel in [true, false] {
            try await Self.withLiveApp(configure: {
                $0.answersHitsInChannel = inChannel
                if https { $0.siteURL = "https://berita.example" }
            }) { port, seed in
                let before = cacheHits(seed.services)
                let responses = try await onThread {
                    let connection = try RawHTTPConnection(port: port)
                    var responses: [RawResponse] = []
                    for request in requests {
                        try connection.send(request)
                        responses.append(try connection.response(isHead: request.hasPrefix("HEAD")))
                    }
                    let etag = responses[0].header("ETag") ?? ""
                    try connection.send(rawRequest(page, headers: ["If-None-Match: \(etag)"]))
                    responses.append(try connection.response())
                    return responses
                }
                #expect(cacheHits(seed.services) - before == 5, "the French page was not cached yet")
                answers.withLockedValue { $0.append(responses) }
            }
        }
        let (channel, router) = answers.withLockedValue { ($0[0], $0[1]) }
        #expect(channel.map(\.status) == [200, 200, 200, 200, 200, 304])
        #expect(channel[1].header("Content-Encoding") == "gzip" && channel[2].header("Content-Encoding") == nil)
        for (hit, routed) in zip(channel, router) {
            #expect(hit.status == routed.status)
            #expect(Self.comparable(hit) == Self.comparable(routed))
            #expect(hit.body == routed.body)
        }
        #expect(channel[3].header("Content-Length") == channel[0].header("Content-Length"))
    }

    /// Header names lower-cased and sorted, without `Date`.
    static func comparable(_ response: RawResponse) -> [String] {
        response.headers.filter { $0.name.lowercased() != "date" }.map { "\($0.name.lowercased()): \($0.value)" }
            .sorted()
    }

    @Test("Keep-alive carries many hits; Connection: close gets its answer, then the server closes")
    func keepAliveAndClose() async throws {
        try await Self.withLiveApp { port, seed in
            let before = cacheHits(seed.services)
            let (statuses, closeHeader, closed) = try await onThread {
                let connection = try RawHTTPConnection(port: port)
                var statuses: [Int] = []
                for _ in 0..<20 {
                    try connection.send(rawRequest(page))
                    statuses.append(try connection.response().status)
                }
                try connection.send(rawRequest(page, close: true))
                let last = try connection.response()
                statuses.append(last.status)
                return (statuses, last.header("Connection"), connection.isClosedByServer())
            }
            #expect(statuses == Array(repeating: 200, count: 21))
            #expect(closeHeader == "close")
            #expect(closed)
            #expect(cacheHits(seed.services) - before == 21)
        }
    }

    @Test("Pipelined hits, misses, a POST and HEADs on one connection are answered in order")
    func pipelinedRequestsInOrder() async throws {
        try await Self.withLiveApp { port, _ in
            let requests: [(String, String)] = [
                (rawRequest(page), "Banjir Surut"),
                (rawRequest(other), "Kemarau Panjang"),  // a miss: rendered by the router
                (rawRequest(page), "Banjir Surut"),  // behind the miss: the router's hit
                (rawRequest(page, method: "HEAD"), ""),
                ("POST /2015/10/banjir HTTP/1.1\r\nHost: warta\r\nContent-Length: 3\r\n\r\nabc", ""),
                (rawRequest("/tidak-ada"), ""),
                (rawRequest(page, headers: ["Accept-Encoding: gzip"]), ""),
                (rawRequest(other), "Kemarau Panjang"),  // now a hit
                (rawRequest(page, method: "HEAD"), ""),
                // A body on a hit path goes to the router, which reads it whole before the next request.
                ("GET \(page) HTTP/1.1\r\nHost: warta\r\nContent-Length: 5\r\n\r\nhello", "Banjir Surut"),
                (rawRequest(page, close: true), "Banjir Surut"),
            ]
            let responses = try await onThread {
                let connection = try RawHTTPConnection(port: port)
                try connection.send(requests.map(\.0).joined())
                return try requests.map { try connection.response(isHead: $0.0.hasPrefix("HEAD")) }
            }
            let statuses = responses.map(\.status)
            #expect(statuses[0...3] == [200, 200, 200, 200])
            #expect((400..<500).contains(statuses[4]) && statuses[5] == 404)
            #expect(statuses[6...] == [200, 200, 200, 200, 200])
            for (response, (_, marker)) in zip(responses, requests) where !marker.isEmpty {
                #expect(response.text.contains("<title>\(marker)"), "\(response.status) \(marker)")
            }
            #expect(responses[6].header("Content-Encoding") == "gzip")
            #expect(responses[3].body.isEmpty && responses[8].body.isEmpty)
        }
    }

    @Test("A reader slower than the answers still gets every pipelined hit, whole and in order")
    func slowReaderGetsEveryAnswer() async throws {
        try await Self.withLiveApp { port, _ in
            let count = 400
            let (statuses, lengths) = try await onThread {
                let connection = try RawHTTPConnection(port: port, receiveBuffer: 4096)
                let requests = (0..<count).map { rawRequest($0 % 7 == 3 ? other : page) }.joined()
                // Sent from another thread: the server stops reading while its answers wait for this reader.
                let sender = Thread { try? connection.send(requests) }
                sender.start()
                let responses = try (0..<count).map { _ in try connection.response() }
                return (Set(responses.map(\.status)), Set(responses.map(\.body.count)))
            }
            #expect(statuses == [200])
            #expect(lengths.count == 2)
        }
    }

    @Test("A session cookie or a language cookie goes by the same rules as the router's")
    func cookiesFollowTheSharedRules() async throws {
        try await Self.withLiveApp { port, seed in
            let before = cacheHits(seed.services)
            let responses = try await onThread {
                let connection = try RawHTTPConnection(port: port)
                try connection.send(rawRequest(page, headers: ["Cookie: warta_session=abc"]))
                let session = try connection.response()
                try connection.send(rawRequest(page, headers: ["Cookie: theme=dark; warta_lang=id"]))
                let language = try connection.response()
                return [session, language]
            }
            #expect(responses[0].header("Cache-Control") == "private, no-cache")
            #expect(responses[1].header("Cache-Control")?.hasPrefix("public") == true)
            #expect(cacheHits(seed.services) - before == 1)
        }
    }
}
