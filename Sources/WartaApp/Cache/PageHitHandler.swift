import NIOCore
import NIOHTTP1
import Prometheus

/// What the hit path needs, shared by every connection.
struct PageHits: Sendable {
    let cache: PageCache
    let settings: SettingsProvider
    let metrics: AppMetrics
    /// `Strict-Transport-Security` on every hit, as `StrictTransportResponder` adds it on the router path.
    let strictTransport: Bool
    /// Hummingbird's idle timeout, kept here because hits never reach its `HTTPConnectionStateHandler`.
    let idleTimeout: TimeAmount?
}

/// Answers page-cache hits on the event loop, between NIO's HTTP/1 decoder and Hummingbird's codec (issue 11,
/// docs/adr/018-hit-path-in-the-channel.md). An anonymous GET or HEAD whose page is cached is written from prebuilt
/// bytes through `HitOutlet`, in front of NIO's encoder; every other part goes on to Hummingbird unchanged.
///
/// Order: a hit is answered here only when no routed request of the connection is unanswered; otherwise it goes to
/// the router too (whose `PageCacheResponder` answers it), so no answer overtakes another. Because hits bypass
/// Hummingbird's connection state, this handler also keeps the idle timeout, the graceful close on quiesce, the
/// read hold while the channel is not writable, and the body-less framing of routed HEAD responses (the decoder is
/// not paired with the encoder, as hits would leave the encoder's queue of request methods out of step).
final class PageHitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Whose request is being read: its body and end follow the head.
    enum Reading { case none, routed, hit, dropped }

    let hits: PageHits
    private let outletHandler: HitOutlet
    /// The context of `HitOutlet`: writes from there reach the socket without passing the encoder.
    private(set) var outlet: ChannelHandlerContext?
    var lines: HitStatusLines
    var reading = Reading.none
    /// For each routed request not answered yet, whether it is a HEAD (Hummingbird answers in order).
    var routed = CircularBuffer<Bool>(initialCapacity: 4)
    var isSuppressingBody = false
    /// Parts that came while a hit had to wait for the channel to drain, in order: the bound on what a slow
    /// reader makes the server hold is what one read brought in, since reads stop meanwhile.
    var waiting = CircularBuffer<HTTPServerRequestPart>(initialCapacity: 1)
    var isReadPending = false
    var needsFlush = false
    /// After `Connection: close` or a quiesce: nothing more is answered.
    var isClosing = false
    var closesWhenDone = false
    var lastActivity = NIODeadline.uptimeNanoseconds(0)
    var idleTask: Scheduled<Void>?

    static let closeLine = ByteBuffer(string: "Connection: close\r\n")

    init(hits: PageHits, outlet: HitOutlet) {
        self.hits = hits
        self.outletHandler = outlet
        lines = HitStatusLines(strictTransport: hits.strictTransport)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // Without the outlet (a pipeline set up differently) every request goes to the router.
        outlet = try? context.pipeline.syncOperations.context(handler: outletHandler)
        if context.channel.isActive { touch(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleTask?.cancel()
        idleTask = nil
        outlet = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        touch(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTask?.cancel()
        idleTask = nil
        waiting.removeAll()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if !waiting.isEmpty || !take(part, context: context) { waiting.append(part) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded()
        context.fireChannelReadComplete()
    }

    /// Handles one request part; false for a hit that must wait until the channel is writable again.
    func take(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) -> Bool {
        switch part {
        case .head(let head):
            lastActivity = context.eventLoop.now
            guard !isClosing else {
                reading = .dropped
                return true
            }
            if routed.isEmpty, let outlet {
                // Every request waits while the channel drains: a hit cannot be told apart before its lookup.
                guard context.channel.isWritable else { return false }
                if let hit = hit(for: head) {
                    reading = .hit
                    write(hit, closing: !head.isKeepAlive, to: outlet)
                    if !head.isKeepAlive { closeAfterWrites(context) }
                    return true
                }
            }
            reading = .routed
            routed.append(head.method == .HEAD)
            if !head.isKeepAlive { isClosing = true }
            context.fireChannelRead(wrapInboundOut(part))
        case .body:
            if reading == .routed {
                lastActivity = context.eventLoop.now
                context.fireChannelRead(wrapInboundOut(part))
            }
        case .end:
            if reading == .routed {
                lastActivity = context.eventLoop.now
                context.fireChannelRead(wrapInboundOut(part))
            }
            reading = .none
            closeIfDone(context)
        }
        return true
    }

    /// The prebuilt answer for an anonymous GET or HEAD whose page is cached, or nil for the router.
    private func hit(for head: HTTPRequestHead) -> (bytes: HitBytes, isNotModified: Bool, isHead: Bool)? {
        let request = HitRequest(head)
        guard !request.isForRouter, hits.cache.isEnabled else { return nil }
        let decision = CacheRequestRules.decision(
            isGetOrHead: true, uri: head.uri, cookie: request.cookie, acceptLanguage: request.acceptLanguage,
            defaultLanguage: hits.settings.defaultLanguage)
        // A miss or a redirect goes on: the router-side responder looks again, counts the miss, renders.
        guard case .lookup(let key) = decision, let entry = hits.cache.lookup(key) else { return nil }
        let (variant, isNotModified) = entry.choice(
            acceptEncoding: request.acceptEncoding, ifNoneMatch: request.ifNoneMatch)
        hits.metrics.cacheHits.increment()
        return (variant.wire, isNotModified, head.method == .HEAD)
    }

    private func write(
        _ hit: (bytes: HitBytes, isNotModified: Bool, isHead: Bool), closing: Bool, to outlet: ChannelHandlerContext
    ) {
        lines.refresh()
        outlet.write(NIOAny(hit.isNotModified ? lines.notModified : lines.ok), promise: nil)
        if closing { outlet.write(NIOAny(Self.closeLine), promise: nil) }
        outlet.write(NIOAny(hit.isNotModified ? hit.bytes.notModifiedHead : hit.bytes.okHead), promise: nil)
        if !hit.isNotModified, !hit.isHead { outlet.write(NIOAny(hit.bytes.body), promise: nil) }
        needsFlush = true
    }

    func flushIfNeeded() {
        guard needsFlush else { return }
        needsFlush = false
        outlet?.flush()
    }

    /// Writes an empty buffer behind everything written so far and closes when it has gone out, so a close never
    /// drops an answer still in the socket's queue.
    func closeAfterWrites(_ context: ChannelHandlerContext) {
        isClosing = true
        closesWhenDone = false
        needsFlush = false
        guard let outlet else {
            context.close(promise: nil)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        outlet.writeAndFlush(NIOAny(ByteBuffer()), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Closes once a quiesce asked for it and nothing is left to answer.
    func closeIfDone(_ context: ChannelHandlerContext) {
        guard closesWhenDone, routed.isEmpty, waiting.isEmpty, reading == .none || reading == .dropped else { return }
        closeAfterWrites(context)
    }
}

/// Sits in front of NIO's response encoder, so that `PageHitHandler` can write hit bytes from its context straight
/// to the socket. What the encoder writes passes through untouched (NIO needs a handler to be inbound or outbound).
final class HitOutlet: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData
}
