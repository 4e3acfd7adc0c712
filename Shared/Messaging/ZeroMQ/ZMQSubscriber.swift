import Logging
import ZeroMQ

/// ``MessageSubscriber`` on a ZeroMQ SUB socket owned by a ``SocketLoop``.
/// Messages that are not valid envelopes are dropped, counted (``droppedCount``) and logged.
public final class ZMQSubscriber: MessageSubscriber {
    /// The underlying socket.
    public let socket: LoopSocket
    /// Decoded envelopes in arrival order.
    public let envelopes: AsyncStream<Envelope>
    private let dropped = DropCounter()

    /// Wraps an open SUB socket.
    public init(socket: LoopSocket, registry: MessageRegistry? = nil, logger: Logger = Logger(label: "kechuang.messaging")) {
        self.socket = socket
        let dropped = self.dropped
        let source = IteratorBox(socket.incoming)
        envelopes = AsyncStream(unfolding: {
            while let frames = await source.next() {
                do throws(EnvelopeError) {
                    return try EnvelopeCodec.decode(frames, registry: registry)
                } catch {
                    dropped.increment()
                    logger.warning(
                        "dropped malformed message",
                        metadata: ["error": "\(error)", "code": "\(error.code)", "frames": "\(frames.count)"])
                }
            }
            return nil
        })
    }

    /// Opens a SUB socket on `loop` connected to `endpoints`, subscribed to `prefixes`.
    public static func connect(
        _ endpoints: [String], prefixes: [Topic], on loop: SocketLoop,
        options: [SocketOption] = [.receiveHighWaterMark(100_000)], registry: MessageRegistry? = nil,
        logger: Logger = Logger(label: "kechuang.messaging")
    ) async throws -> ZMQSubscriber {
        let socket = try await loop.open(.sub, options: options) { socket in
            for prefix in prefixes {
                try socket.subscribe(prefix.bytes)
            }
            for endpoint in endpoints {
                try socket.connect(endpoint)
            }
        }
        return ZMQSubscriber(socket: socket, registry: registry, logger: logger)
    }

    /// Number of malformed messages dropped so far.
    public var droppedCount: Int { dropped.value }

    /// Adds a prefix filter.
    public func subscribe(_ prefix: Topic) async throws {
        try await socket.subscribe(prefix.bytes)
    }

    /// Removes one earlier subscription of `prefix`.
    public func unsubscribe(_ prefix: Topic) async throws {
        try await socket.unsubscribe(prefix.bytes)
    }

    /// Closes the socket; ``envelopes`` finishes after the buffered messages.
    public func close() async {
        await socket.close()
    }
}
