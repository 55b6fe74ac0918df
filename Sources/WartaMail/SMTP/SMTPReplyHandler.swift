import NIOCore
import NIOSSL

/// Cuts incoming bytes into reply lines and hands complete replies to waiters in the order they asked. Everything
/// it holds is touched only on its channel's event loop (hence `@unchecked Sendable`, as NIO's own handlers do).
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    enum Failure: Error, Equatable {
        case closed, timeout, malformed(String), tls(String)
    }

    private let eventLoop: any EventLoop
    private var lineBuffer: [UInt8] = []
    private var parser = SMTPReplyParser()
    private var replies = CircularBuffer<SMTPReply>()
    private var waiters = CircularBuffer<EventLoopPromise<SMTPReply>>()
    private var failure: Failure?
    private weak var context: ChannelHandlerContext?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        for byte in buffer.readableBytesView {
            guard failure == nil else { return }
            guard byte == UInt8(ascii: "\n") else {
                lineBuffer.append(byte)
                if lineBuffer.count > SMTPReplyParser.maximumLineLength { fail(.malformed("reply line too long")) }
                continue
            }
            if lineBuffer.last == UInt8(ascii: "\r") { lineBuffer.removeLast() }
            let line = String(decoding: lineBuffer, as: UTF8.self)
            lineBuffer.removeAll(keepingCapacity: true)
            do {
                if let reply = try parser.feed(line) { deliver(reply) }
            } catch {
                switch error {
                case .malformed(let text): fail(.malformed(text))
                }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            fail(.tls(String(describing: error)))
        } else {
            fail(.closed)
        }
    }

    /// Futures for the next `count` replies, each failing with `.timeout` (and closing the channel) after `timeout`.
    /// Call on the event loop, before writing what they answer.
    func expectReplies(_ count: Int, timeout: TimeAmount) -> [EventLoopFuture<SMTPReply>] {
        eventLoop.preconditionInEventLoop()
        return (0..<count).map { _ in
            let promise = eventLoop.makePromise(of: SMTPReply.self)
            if let reply = replies.popFirst() {
                promise.succeed(reply)
            } else if let failure {
                promise.fail(failure)
            } else {
                waiters.append(promise)
                let timer = eventLoop.scheduleTask(in: timeout) { [weak self] in self?.fail(.timeout) }
                promise.futureResult.whenComplete { _ in timer.cancel() }
            }
            return promise.futureResult
        }
    }

    /// True when no reply or partial line is waiting: checked before STARTTLS so that plaintext a server (or an
    /// attacker in the path) sent after the 220 cannot pass for a reply made under TLS (CVE-2011-0411).
    var hasNoPendingInput: Bool {
        eventLoop.preconditionInEventLoop()
        return replies.isEmpty && lineBuffer.isEmpty
    }

    private func deliver(_ reply: SMTPReply) {
        if let waiter = waiters.popFirst() {
            waiter.succeed(reply)
        } else {
            replies.append(reply)
        }
    }

    /// The first failure sticks: later waiters get it at once, and the connection is closed.
    private func fail(_ failure: Failure) {
        guard self.failure == nil else { return }
        self.failure = failure
        while let waiter = waiters.popFirst() { waiter.fail(failure) }
        context?.close(promise: nil)
    }
}
