import ZeroMQ

/// ``MessagePublisher`` on a ZeroMQ PUB socket owned by a ``SocketLoop``.
///
/// PUB never blocks: a subscriber that falls behind its high-water mark loses messages, which the stream
/// mechanism (sequence gaps, heartbeats, replay) repairs.
///
/// The `enqueue` methods queue without waiting, within the socket's bound (``LoopSocket/sendQueueLimit``, 4096 by
/// default); a message beyond it is dropped like one lost to the high-water mark. The stream owner stays far below
/// the bound by design: each publishing round queues at most 511 entries and awaits the publication of the round's
/// last entry, which returns only after everything queued before it left the loop.
public final class ZMQPublisher: MessagePublisher {
    /// The underlying socket.
    public let socket: LoopSocket

    /// Wraps an open PUB (or XPUB) socket.
    public init(socket: LoopSocket) {
        self.socket = socket
    }

    /// Opens a PUB socket on `loop` bound to `endpoint` (e.g. `ipc:///run/kechuang/metrics.pub`).
    public static func bind(
        _ endpoint: String, on loop: SocketLoop, options: [SocketOption] = [.sendHighWaterMark(100_000)]
    ) async throws -> ZMQPublisher {
        ZMQPublisher(socket: try await loop.open(.pub, options: options) { try $0.bind(endpoint) })
    }

    /// Publishes `envelope`.
    public func publish(_ envelope: Envelope) async throws {
        try await socket.send(EnvelopeCodec.frames(envelope))
    }

    /// Queues `envelope` for publication without waiting for the loop to accept it (highest throughput;
    /// errors are dropped). Producers of many messages should `await` ``publish(_:)-(Envelope)`` now and then:
    /// it returns once everything queued before it has left, which keeps the queue below its bound.
    /// - Returns: `false` when the socket's send queue was full and the message was dropped.
    @discardableResult
    public func enqueue(_ envelope: Envelope) -> Bool {
        do {
            try socket.trySend(EnvelopeCodec.frames(envelope))
            return true
        } catch {
            return false
        }
    }

    /// Publishes a stored log entry byte for byte.
    public func publish(_ stored: StoredEnvelope) async throws {
        try await socket.send(EnvelopeCodec.frames(stored))
    }

    /// Queues a stored log entry for publication byte for byte, without waiting for the loop to accept it
    /// (errors are dropped; messages still leave in call order with ``publish(_:)-(StoredEnvelope)``).
    /// - Returns: `false` when the socket's send queue was full and the entry was dropped (followers repair the
    ///   gap by replay, as for any lost live message).
    @discardableResult
    public func enqueue(_ stored: StoredEnvelope) -> Bool {
        do {
            try socket.trySend(EnvelopeCodec.frames(stored))
            return true
        } catch {
            return false
        }
    }

    /// Publishes stored log entries byte for byte, in order, with one hand-off to the socket thread per call: all
    /// but the last are queued without waiting, the last is awaited (so at most `entries.count` wait in the
    /// loop's queue). Errors of the queued ones are dropped: followers repair a lost live message by replay.
    public func publish(stored entries: [StoredEnvelope]) async throws {
        guard let last = entries.last else { return }
        for entry in entries.dropLast() {
            enqueue(entry)
        }
        try await publish(last)
    }

    /// Closes the socket.
    public func close() async {
        await socket.close()
    }
}
