/// A `Sendable` handle to a socket owned by a ``SocketLoop`` thread.
///
/// Receive-side backpressure: ``incoming`` is backed by a bounded buffer (`incomingCapacity` messages). While it is
/// full the loop stops polling this socket for input, so libzmq's receive queue (receive high-water mark) absorbs
/// the lag: PUSH/DEALER senders slow down, PUB/SUB drops beyond the high-water mark (repaired by replay above).
/// Nothing is dropped by the wrapper itself. A socket opened with a message handler
/// (``SocketLoop/open(_:options:sendQueueLimit:onMessage:setUp:)``) has no such buffer: the handler sees every
/// message on the loop thread and ``incoming`` is empty.
///
/// Send-side bound: at most ``sendQueueLimit`` messages queued by ``trySend(_:)`` wait in the loop for libzmq to
/// take them; beyond that `trySend` refuses with ``SocketLoopError/sendQueueFull(id:limit:)`` instead of growing
/// memory (e.g. while no peer is connected and libzmq's own send queue is at its high-water mark).
///
/// The socket stays open until ``close()`` or ``SocketLoop/shutdown(linger:)``; dropping the handle does not close it.
public final class LoopSocket: Sendable {
    /// Identifier of the socket within its loop.
    public let id: UInt64
    /// The socket kind.
    public let type: SocketType
    private let mailbox: LoopMailbox
    private let budget: SendBudget

    /// Every multipart message received, in order. Finishes when the socket is closed, the loop shuts down or the
    /// context is terminated (at once for sockets that cannot receive or were opened with a message handler).
    /// Iterate it from one task (several iterators share and split the messages).
    public let incoming: AsyncStream<[Frame]>

    init(id: UInt64, type: SocketType, mailbox: LoopMailbox, inbox: Inbox, budget: SendBudget) {
        self.id = id
        self.type = type
        self.mailbox = mailbox
        self.budget = budget
        incoming = AsyncStream(unfolding: { await inbox.next() })
    }

    /// The most messages ``trySend(_:)`` may have waiting in the loop at once.
    public var sendQueueLimit: Int { budget.limit }

    /// Messages queued by ``trySend(_:)`` that the loop has not yet handed to libzmq (nor failed).
    public var unsentCount: Int { budget.count }

    /// Sends a multipart message; resumes once libzmq accepted it (waiting, not blocking, while the high-water mark
    /// is reached or no peer is connected). Messages are sent in call order.
    /// - Throws: ``ZMQError`` (e.g. `EHOSTUNREACH` with router-mandatory), ``SocketLoopError``.
    public func send(_ frames: [Frame]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            mailbox.post(.send(id: id, frames: frames, completion: .waiting(continuation)))
        }
    }

    /// Queues a multipart message without waiting for libzmq to accept it; later errors are dropped. Messages
    /// still leave in call order with ``send(_:)``.
    ///
    /// Bounded: while ``sendQueueLimit`` earlier `trySend` messages are still waiting in the loop, the message is
    /// refused. Producers of many messages should `await` ``send(_:)`` now and then (it returns once everything
    /// queued before it has been handed to libzmq), or fall back to it when this throws.
    /// - Throws: ``SocketLoopError/sendQueueFull(id:limit:)``; nothing was queued.
    public func trySend(_ frames: [Frame]) throws(SocketLoopError) {
        guard budget.acquire() else { throw .sendQueueFull(id: id, limit: budget.limit) }
        mailbox.post(.send(id: id, frames: frames, completion: .counted(budget)))
    }

    /// Runs `body` with the underlying ``Socket`` on the loop thread (set options, unbind, read
    /// `lastEndpoint()`…) and returns its result. Never block inside `body`.
    public func withSocket<Result: Sendable>(
        _ body: @escaping @Sendable (Socket) throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            mailbox.post(.perform(id: id, body: { socket in
                do { continuation.resume(returning: try body(socket)) } catch { continuation.resume(throwing: error) }
            }, missing: { error in continuation.resume(throwing: error) }))
        }
    }

    /// SUB: subscribes to messages whose first frame starts with `prefix`.
    public func subscribe(_ prefix: [UInt8]) async throws {
        try await withSocket { try $0.subscribe(prefix) }
    }

    /// SUB: removes one earlier subscription to `prefix`.
    public func unsubscribe(_ prefix: [UInt8]) async throws {
        try await withSocket { try $0.unsubscribe(prefix) }
    }

    /// Closes the socket on its loop: pending sends fail with ``SocketLoopError/socketClosed(id:)``, ``incoming``
    /// finishes after the already-buffered messages. Returns once closed (immediately if the loop is gone).
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            mailbox.post(.close(id: id, reply: continuation))
        }
    }

    /// Asks the loop to close the socket, as ``close()`` does, and returns at once without waiting (for `deinit`
    /// and other synchronous contexts). Closing an already closed socket does nothing.
    public func closeWithoutWaiting() {
        mailbox.post(.close(id: id, reply: nil))
    }
}
