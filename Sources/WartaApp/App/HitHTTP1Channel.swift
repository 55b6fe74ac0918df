import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 child channel with the page-cache hit handler below its codec (issue 11,
/// docs/adr/018-hit-path-in-the-channel.md). The set-up mirrors `HTTP1Channel.setup` of Hummingbird 2.28.1, the
/// version pinned in Package.swift; `HitChannelConformanceTests` fails when Hummingbird's set-up changes.
///
/// Two differences: NIO's decoder is not paired with its encoder (hits are answered without the encoder, so its
/// queue of request methods would drift: `PageHitHandler` frames routed HEAD answers instead), and the idle timeout
/// is kept by `PageHitHandler`, which sees hits, rather than by `HTTPConnectionStateHandler`, which does not.
struct HitHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    /// Hummingbird's own configuration type: its additional handlers and decoder limits apply as they would there.
    let configuration: HTTP1Channel.Configuration
    let hits: PageHits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try Self.configure(
                channel.pipeline.syncOperations, configuration: configuration, hits: hits, logger: logger)
            return try NIOAsyncChannel(
                wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }

    /// Outlet, encoder and decoder as `configureHTTPServerPipeline(withPipeliningAssistance: false,
    /// withErrorHandling: false, withOutboundHeaderValidation: false)` adds them, then the hit handler, then
    /// Hummingbird's handlers in its order.
    static func configure(
        _ pipeline: ChannelPipeline.SynchronousOperations, configuration: HTTP1Channel.Configuration,
        hits: PageHits, logger: Logger
    ) throws {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = configuration.httpDecoder.maxHeaderFieldSize
        limits.maxHeaderListSize = configuration.httpDecoder.maxHeaderListSize
        limits.maxHeaderFieldCount = configuration.httpDecoder.maxHeaderFieldCount
        let outlet = HitOutlet()
        try pipeline.addHandler(outlet)
        try pipeline.addHandler(HTTPResponseEncoder(configuration: .init()))
        try pipeline.addHandler(
            ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, limitConfiguration: limits)))
        try pipeline.addHandler(PageHitHandler(hits: hits, outlet: outlet))
        try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try pipeline.addHandlers(configuration.additionalChannelHandlers())
        try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
    }
}
