import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import WartaApp

/// The handler's connection duties on an `EmbeddedChannel`, whose clock and writability the test sets: idle
/// timeout, backpressure, quiesce, pass-through and routed HEAD framing. The socket-level behaviour is in
/// `HitPathTests`.
@Suite struct PageHitHandlerTests {
    static let page = "/2015/10/banjir"

    /// A channel with the outlet, a read counter (what reaches the socket side), the handler; one page cached.
    final class Rig {
        let channel = EmbeddedChannel()
        let reads = ReadCounter()
        let hits: PageHits

        init(idle: TimeAmount? = .seconds(10)) throws {
            let cache = PageCache(limitBytes: 1 << 20)
            let now = Date()
            cache.store(
                PageCache.Key(path: PageHitHandlerTests.page, language: .id), html: "<p>Banjir surut</p>",
                kind: .article(path: PageHitHandlerTests.page), expiresAt: now + 300, now: now)
            hits = PageHits(
                cache: cache, settings: SettingsProvider(config: AppConfig()), metrics: AppMetrics(),
                strictTransport: false, idleTimeout: idle)
            let outlet = HitOutlet()
            try channel.pipeline.syncOperations.addHandler(outlet)
            try channel.pipeline.syncOperations.addHandler(reads)
            try channel.pipeline.syncOperations.addHandler(PageHitHandler(hits: hits, outlet: outlet))
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 80)).wait()
        }

        func send(_ uri: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:]) throws {
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: uri)
            head.headers = headers
            try channel.writeInbound(HTTPServerRequestPart.head(head))
            try channel.writeInbound(HTTPServerRequestPart.end(nil))
        }

        /// Everything written to the socket side so far, as text.
        func written() throws -> String {
            var text = ""
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
            return text
        }

        /// The parts passed on to Hummingbird so far.
        func passedOn() throws -> [HTTPServerRequestPart] {
            var parts: [HTTPServerRequestPart] = []
            while let part = try channel.readInbound(as: HTTPServerRequestPart.self) { parts.append(part) }
            return parts
        }
    }

    @Test("A hit is written from prebuilt bytes and nothing goes on to Hummingbird")
    func hitIsAnsweredInTheChannel() throws {
        let rig = try Rig()
        try rig.send(Self.page)
        let text = try rig.written()
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\nDate: "))
        #expect(text.contains("\r\nContent-Length: 19\r\n\r\n<p>Banjir surut</p>"))
        #expect(try rig.passedOn().isEmpty)
    }

    @Test(
        "Session cookie, POST, Expect, Upgrade, a body, HTTP/1.0, a repeated header and a miss go on untouched",
        arguments: [
            ("GET", Self.page, ["Cookie": "warta_session=abc"]),
            ("POST", Self.page, [:]),
            ("GET", Self.page, ["Expect": "100-continue"]),
            ("GET", Self.page, ["Upgrade": "websocket", "Connection": "upgrade"]),
            ("GET", Self.page, ["Content-Length": "5"]),
            ("GET", Self.page, ["Transfer-Encoding": "chunked"]),
            ("GET", "/2015/10/lain", [:]),
            ("GET", "/2015/10/Banjir", [:]),
        ])
    func otherRequestsPassOn(method: String, uri: String, headers: [String: String]) throws {
        let rig = try Rig()
        let fields = HTTPHeaders(headers.map { ($0.key, $0.value) })
        try rig.send(uri, method: HTTPMethod(rawValue: method), headers: fields)
        #expect(try rig.written().isEmpty)
        let parts = try rig.passedOn()
        #expect(parts.count == 2)
        guard case .head(let head) = parts.first else { return }
        #expect(head.uri == uri && head.method == HTTPMethod(rawValue: method) && head.headers == fields)
    }

    @Test("HTTP/1.0 and a repeated Accept-Encoding go to the router")
    func oldVersionAndRepeatedHeadersPassOn() throws {
        let rig = try Rig()
        var old = HTTPRequestHead(version: .http1_0, method: .GET, uri: Self.page)
        old.headers = ["Connection": "keep-alive"]
        try rig.channel.writeInbound(HTTPServerRequestPart.head(old))
        try rig.channel.writeInbound(HTTPServerRequestPart.end(nil))
        try rig.send(Self.page, headers: ["Accept-Encoding": "gzip", "accept-encoding": "identity"])
        #expect(try rig.written().isEmpty)
        #expect(try rig.passedOn().count == 4)
    }

    @Test("A hit after a routed request not yet answered goes to the router; then hits come back")
    func hitBehindRoutedRequestGoesToRouter() throws {
        let rig = try Rig()
        try rig.send("/tidak-ada")
        try rig.send(Self.page)
        #expect(try rig.written().isEmpty)
        #expect(try rig.passedOn().count == 4)
        try Self.answerRouted(rig, times: 2)
        try rig.send(Self.page)
        #expect(try rig.written().contains("200 OK"))
        #expect(try rig.passedOn().isEmpty)
    }

    @Test("Idle timeout: hits count as activity, an idle connection is closed")
    func idleTimeoutCountsHits() throws {
        let rig = try Rig(idle: .seconds(10))
        for _ in 0..<5 {
            rig.channel.embeddedEventLoop.advanceTime(by: .seconds(6))
            try rig.send(Self.page)
        }
        #expect(rig.channel.isActive)
        rig.channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(rig.channel.isActive)
        rig.channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!rig.channel.isActive)
    }

    @Test("Idle timeout: a routed request read whole and still being answered keeps the connection")
    func idleTimeoutWaitsForRoutedAnswer() throws {
        let rig = try Rig(idle: .seconds(10))
        try rig.send("/tidak-ada")
        rig.channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        #expect(rig.channel.isActive)
        try Self.answerRouted(rig, times: 1)
        rig.channel.embeddedEventLoop.advanceTime(by: .seconds(11))
        #expect(!rig.channel.isActive)
    }

    @Test("Not writable: hits wait and reads stop; writable again: answered in order, reading resumes")
    func backpressureHoldsHitsAndReads() throws {
        let rig = try Rig()
        rig.channel.isWritable = false
        rig.channel.pipeline.fireChannelWritabilityChanged()
        try rig.send(Self.page)
        try rig.send("/tidak-ada")
        try rig.send(Self.page, method: .HEAD)
        let readsBefore = rig.reads.count
        rig.channel.read()
        #expect(try rig.written().isEmpty)
        #expect(try rig.passedOn().isEmpty)
        #expect(rig.reads.count == readsBefore)
        rig.channel.isWritable = true
        rig.channel.pipeline.fireChannelWritabilityChanged()
        // The first hit answered; the miss goes on; the HEAD behind it goes to the router too (order).
        #expect(try rig.written().components(separatedBy: "HTTP/1.1 200 OK").count == 2)
        #expect(try rig.passedOn().count == 4)
        #expect(rig.reads.count == readsBefore + 1)
    }

    @Test("Quiesce: closes at once when idle, after the routed answer in flight otherwise")
    func quiesceClosesWhenAnswered() throws {
        let idle = try Rig()
        idle.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(!idle.channel.isActive)

        let busy = try Rig()
        try busy.send("/tidak-ada")
        busy.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(busy.channel.isActive)
        try Self.answerRouted(busy, times: 1)
        #expect(!busy.channel.isActive)
    }

    @Test("A routed HEAD answer keeps its head and loses its body")
    func routedHeadAnswerHasNoBody() throws {
        let rig = try Rig()
        try rig.send("/tidak-ada", method: .HEAD)
        var head = HTTPResponseHead(version: .http1_1, status: .notFound)
        head.headers.add(name: "Content-Length", value: "4")
        try rig.channel.writeOutbound(HTTPServerResponsePart.head(head))
        try rig.channel.writeOutbound(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: "gone"))))
        try rig.channel.writeOutbound(HTTPServerResponsePart.end(nil))
        guard case .head(let written) = try rig.channel.readOutbound(as: HTTPServerResponsePart.self) else {
            Issue.record("no head")
            return
        }
        #expect(written.headers["Content-Length"] == ["4"])
        #expect(try rig.channel.readOutbound(as: HTTPServerResponsePart.self) == nil)
    }

    static func answerRouted(_ rig: Rig, times: Int) throws {
        for _ in 0..<times {
            var head = HTTPResponseHead(version: .http1_1, status: .notFound)
            head.headers.add(name: "Content-Length", value: "0")
            try rig.channel.writeOutbound(HTTPServerResponsePart.head(head))
            try rig.channel.writeOutbound(HTTPServerResponsePart.end(nil))
        }
        for _ in 0..<(2 * times) { _ = try rig.channel.readOutbound(as: HTTPServerResponsePart.self) }
    }
}

/// Counts the reads that reach the socket side of the pipeline.
final class ReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = Any
    private(set) var count = 0

    func read(context: ChannelHandlerContext) {
        count += 1
        context.read()
    }
}
