import Logging
import ZeroMQ

/// ``RequestClient`` on a ZeroMQ DEALER socket owned by a ``SocketLoop``.
///
/// Requests go out as `["", topic, header, body]` (the empty delimiter makes the server side identical for
/// REQ and DEALER clients). Any number may be in flight; replies are matched by `correlation`. A dead or
/// absent server never hangs a caller: each request fails with ``RequestError/timeout(type:after:)``.
///
/// No task is involved: replies are matched to their waiting requests on the loop thread, as the socket receives
/// them (decoding an envelope and resuming its caller, nothing more). The client owns its socket: ``close()``, or
/// dropping the last reference to the client, closes it, and with it ends reply matching.
///
/// Sending is bounded: while the server is unreachable, each request's message waits in the socket's queues (up to
/// the send high-water mark in libzmq, then up to ``LoopSocket/sendQueueLimit`` in the loop). Beyond that a
/// request fails at once with ``SocketLoopError/sendQueueFull(id:limit:)`` instead of growing memory.
public final class ZMQRequestClient: RequestClient {
    /// The underlying socket.
    public let socket: LoopSocket
    /// Stamps request headers.
    public let headers: HeaderFactory
    /// The requests awaiting a reply (internal for tests).
    let waiting: PendingReplies

    private init(socket: LoopSocket, headers: HeaderFactory, waiting: PendingReplies) {
        self.socket = socket
        self.headers = headers
        self.waiting = waiting
    }

    /// Closes the socket without waiting if ``close()`` was never called; waiting requests fail with
    /// ``RequestError/closed``.
    deinit {
        waiting.close()
        socket.closeWithoutWaiting()
    }

    /// Opens a DEALER socket on `loop` connected to `endpoint`, whose replies are matched on the loop thread.
    /// - Parameters:
    ///   - endpoint: the server's ROUTER endpoint.
    ///   - loop: the loop that owns the socket.
    ///   - source: the `source` stamped on request headers.
    ///   - options: socket options (linger zero by default, so closing never waits for an absent server).
    ///   - sendQueueLimit: requests that may wait in the loop's queue for libzmq (see the type's documentation).
    ///   - logger: where dropped replies are logged.
    public static func connect(
        _ endpoint: String, on loop: SocketLoop, source: String,
        options: [SocketOption] = [.linger(.zero)], sendQueueLimit: Int = SocketLoop.defaultSendQueueLimit,
        logger: Logger = Logger(label: "kechuang.messaging")
    ) async throws -> ZMQRequestClient {
        let waiting = PendingReplies()
        let socket = try await loop.open(
            .dealer, options: options, sendQueueLimit: sendQueueLimit,
            onMessage: { frames in match(frames, to: waiting, logger: logger) }
        ) { try $0.connect(endpoint) }
        return ZMQRequestClient(socket: socket, headers: HeaderFactory(source: source), waiting: waiting)
    }

    /// Loop thread: hands one received reply to the request it correlates with (or logs why it is dropped).
    static func match(_ frames: [Frame], to waiting: PendingReplies, logger: Logger) {
        let body = frames.first?.isEmpty == true ? frames.dropFirst() : frames[...]
        do throws(EnvelopeError) {
            let reply = try EnvelopeCodec.decode(body)
            guard let correlation = reply.header.correlation else {
                logger.warning("dropped reply without correlation", metadata: ["type": "\(reply.type)"])
                return
            }
            if !waiting.deliver(reply, to: correlation) {
                logger.debug("dropped late reply", metadata: ["correlation": "\(correlation)"])
            }
        } catch {
            logger.warning("dropped malformed reply", metadata: ["error": "\(error)", "code": "\(error.code)"])
        }
    }

    /// Sends `envelope` and waits for the reply whose correlation is its id.
    /// The send is queued without waiting, so an unreachable server costs only the timeout.
    /// - Throws: as ``RequestClient/request(_:timeout:)``; ``SocketLoopError/sendQueueFull(id:limit:)`` at once
    ///   when too many earlier requests still wait to be sent.
    public func request(_ envelope: Envelope, timeout: Duration) async throws -> Envelope {
        let id = envelope.header.id
        guard let replies = waiting.register(id, timeout: timeout) else { throw RequestError.closed }
        defer { waiting.remove(id) }
        try socket.trySend([Frame()] + EnvelopeCodec.frames(envelope))
        return try await ReplyWaiter.first(of: replies, type: envelope.header.type, timeout: timeout)
    }

    /// Closes the socket; waiting requests fail with ``RequestError/closed``.
    public func close() async {
        waiting.close()
        await socket.close()
    }
}
