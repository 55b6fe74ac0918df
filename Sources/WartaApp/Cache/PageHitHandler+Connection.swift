import NIOCore
import NIOHTTP1

/// The connection duties Hummingbird's `HTTPConnectionStateHandler` and NIO's paired encoder would have had, kept
/// here because hits never reach them: routed answers, backpressure, quiesce and the idle timeout.
extension PageHitHandler {
    /// Routed answers pass on; a HEAD's body and end are dropped (RFC 9112 §6.3) while its head keeps the framing
    /// headers a GET would have, as NIO's encoder does when paired with its decoder.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            let code = head.status.code
            // A 1xx other than 101 is followed by the final answer to the same request.
            if code >= 200 || code == 101 { isSuppressingBody = routed.first ?? false }
            context.write(data, promise: promise)
        case .body:
            if isSuppressingBody { promise?.succeed(()) } else { context.write(data, promise: promise) }
        case .end:
            if isSuppressingBody {
                isSuppressingBody = false
                promise?.succeed(())
            } else {
                context.write(data, promise: promise)
            }
            _ = routed.popFirst()
            if routed.isEmpty { routedAnswersEnded(context) }
        }
    }

    private func routedAnswersEnded(_ context: ChannelHandlerContext) {
        touch(context)
        closeIfDone(context)
    }

    /// No read while hits wait for the channel to drain: a reader that does not read cannot make the server
    /// buffer without bound.
    func read(context: ChannelHandlerContext) {
        guard context.channel.isWritable, waiting.isEmpty else {
            isReadPending = true
            return
        }
        context.read()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { drain(context) }
        context.fireChannelWritabilityChanged()
    }

    /// Answers the parts that waited, in order, while the channel stays writable; then reads again.
    private func drain(_ context: ChannelHandlerContext) {
        guard !waiting.isEmpty else {
            resumeReading(context)
            return
        }
        while let part = waiting.first, context.channel.isWritable, take(part, context: context) {
            waiting.removeFirst()
        }
        flushIfNeeded()
        // Hummingbird's async channel hands what it was given on at a read's end.
        context.fireChannelReadComplete()
        resumeReading(context)
        touch(context)
        closeIfDone(context)
    }

    private func resumeReading(_ context: ChannelHandlerContext) {
        guard isReadPending, waiting.isEmpty, context.channel.isWritable else { return }
        isReadPending = false
        context.read()
    }

    /// Graceful stop: close once every request read so far is answered, hits and routed alike. Hummingbird's
    /// state handler never sees the event, as it would close while hits it cannot see were still waiting.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        closesWhenDone = true
        closeIfDone(context)
    }

    /// Activity now; starts the idle timer if none runs.
    func touch(_ context: ChannelHandlerContext) {
        lastActivity = context.eventLoop.now
        guard let idle = hits.idleTimeout else { return }
        schedule(context, at: lastActivity + idle)
    }

    /// The timer fires at most once per idle period and moves itself to the last activity, so a hit costs one clock
    /// read, not a timer.
    private func schedule(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        guard idleTask == nil else { return }
        idleTask = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            idleTask = nil
            idleTimerFired(context)
        }
    }

    private func idleTimerFired(_ context: ChannelHandlerContext) {
        guard let idle = hits.idleTimeout, context.channel.isActive else { return }
        // As Hummingbird's: a request read whole and still being answered is not idle; the timer starts again
        // when its answer ends. Hits waiting for a slow reader count the same.
        if reading == .none, !routed.isEmpty || !waiting.isEmpty { return }
        let deadline = lastActivity + idle
        if context.eventLoop.now >= deadline {
            context.close(promise: nil)
        } else {
            schedule(context, at: deadline)
        }
    }
}
