import Logging
import ZeroMQ

/// ``RequestClient`` on a ZeroMQ DEALER socket owned by a ``SocketLoop``.
///
/// Requests go out as `["", topic, header, body]` (the empty delimiter makes the server side identical for
/// REQ and DEALER clients). Any number may be in flight; replies are matched by `correlation`. A dead or
/// absent server never hangs a caller: each request fails with ``RequestError/timeout(type:after:)``.
public final class ZMQRequestClient: RequestClient {
    /// The underlying socket.
    public let socket: LoopSocket
    /// Stamps request headers.
    public let headers: HeaderFactory
    private let waiting = PendingReplies()
    private let receiver: Task<Void, Never>

    /// Wraps an open DEALER socket and starts matching its replies.
    public init(socket: LoopSocket, headers: HeaderFactory, logger: Logger = Logger(label: "kechuang.messaging")) {
        self.socket = socket
        self.headers = headers
        let waiting = self.waiting
        let incoming = socket.incoming
        receiver = Task {
            for await frames in incoming {
                let body = frames.first?.isEmpty == true ? frames.dropFirst() : frames[...]
                do throws(EnvelopeError) {
                    let reply = try EnvelopeCodec.decode(body)
                    guard let correlation = reply.header.correlation else {
                        logger.warning("dropped reply without correlation", metadata: ["type": "\(reply.type)"])
                        continue
                    }
                    if !waiting.deliver(reply, to: correlation) {
                        logger.debug("dropped late reply", metadata: ["correlation": "\(correlation)"])
                    }
                } catch {
                    logger.warning("dropped malformed reply", metadata: ["error": "\(error)", "code": "\(error.code)"])
                }
            }
        }
    }

    /// Opens a DEALER socket on `loop` connected to `endpoint`.
    public static func connect(
        _ endpoint: String, on loop: SocketLoop, source: String,
        options: [SocketOption] = [.linger(.zero)], logger: Logger = Logger(label: "kechuang.messaging")
    ) async throws -> ZMQRequestClient {
        let socket = try await loop.open(.dealer, options: options) { try $0.connect(endpoint) }
        return ZMQRequestClient(socket: socket, headers: HeaderFactory(source: source), logger: logger)
    }

    /// Sends `envelope` and waits for the reply whose correlation is its id.
    /// The send is queued without waiting, so an unreachable server costs only the timeout.
    public func request(_ envelope: Envelope, timeout: Duration) async throws -> Envelope {
        let id = envelope.header.id
        guard let replies = waiting.register(id) else { throw RequestError.closed }
        defer { waiting.remove(id) }
        socket.trySend([Frame()] + EnvelopeCodec.frames(envelope))
        return try await ReplyWaiter.first(of: replies, type: envelope.header.type, timeout: timeout)
    }

    /// Closes the socket; waiting requests fail with ``RequestError/closed``.
    public func close() async {
        waiting.close()
        await socket.close()
        receiver.cancel()
    }
}
