import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOEmbedded
import Testing

@testable import WartaApp

/// `HitHTTP1Channel` copies Hummingbird's HTTP/1 child-channel set-up (2.28.1, pinned in Package.swift). These
/// fail when Hummingbird's set-up changes, so an upgrade re-reads `HTTP1Channel.setup` before it ships.
@Suite struct HitChannelConformanceTests {
    /// What `HTTP1Channel.setup` of Hummingbird 2.28.1 puts in a child channel's pipeline, in order.
    static let hummingbird = [
        "HTTPResponseEncoder",
        "ByteToMessageHandler<HTTPDecoder<HTTPPart<HTTPRequestHead, ByteBuffer>, "
            + "HTTPPart<HTTPResponseHead, IOData>>>", "HTTP1ToHTTPServerCodec", "HTTPConnectionStateHandler",
        "NIOAsyncChannelHandler<HTTPRequestPart, HTTPRequestPart, HTTPResponsePart>",
    ]

    @Test("Hummingbird's HTTP/1 set-up is still the one HitHTTP1Channel mirrors")
    func hummingbirdSetUpIsUnchanged() throws {
        let channel = EmbeddedChannel()
        let setUp = HTTP1Channel(responder: { _, _, _ in }, configuration: .init())
        _ = try setUp.setup(channel: channel, logger: Logger(label: "test")).wait()
        #expect(Self.handlerTypes(channel) == Self.hummingbird)
    }

    @Test("HitHTTP1Channel adds the outlet and the hit handler, and nothing else differs")
    func hitChannelAddsOnlyItsHandlers() throws {
        let channel = EmbeddedChannel()
        let hits = PageHits(
            cache: PageCache(limitBytes: 0), settings: SettingsProvider(config: AppConfig()), metrics: AppMetrics(),
            strictTransport: false, idleTimeout: nil)
        let setUp = HitHTTP1Channel(responder: { _, _, _ in }, configuration: .init(), hits: hits)
        _ = try setUp.setup(channel: channel, logger: Logger(label: "test")).wait()
        let types = Self.handlerTypes(channel)
        #expect(types.first == "HitOutlet")
        #expect(types.firstIndex(of: "PageHitHandler") == 3)
        #expect(types.filter { $0 != "HitOutlet" && $0 != "PageHitHandler" } == Self.hummingbird)
    }

    /// Handler type names from the pipeline's debug description, in order from the socket.
    static func handlerTypes(_ channel: EmbeddedChannel) -> [String] {
        channel.pipeline.debugDescription.split(separator: "\n").dropFirst(2).compactMap { line in
            let columns = line.components(separatedBy: " ↓↑ ")
            guard columns.count == 2 else { return nil }
            let inbound = columns[0].trimmingCharacters(in: .whitespaces)
            let outbound = columns[1].components(separatedBy: " [").first?.trimmingCharacters(in: .whitespaces)
            return inbound.isEmpty ? outbound : inbound
        }
    }
}
