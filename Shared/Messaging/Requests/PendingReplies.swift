import Synchronization

/// The requests of one client that await a reply, keyed by request id.
final class PendingReplies: Sendable {
    private let state = Mutex<(closed: Bool, replies: [String: AsyncStream<Envelope>.Continuation])>((false, [:]))

    /// Registers request `id`; returns the one-shot stream its reply will arrive on, or `nil` once closed.
    func register(_ id: String) -> AsyncStream<Envelope>? {
        let (replies, continuation) = AsyncStream<Envelope>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.replies[id] = continuation
            return true
        }
        return accepted ? replies : nil
    }

    /// Forgets request `id` (after its reply, timeout or cancellation).
    func remove(_ id: String) {
        _ = state.withLock { $0.replies.removeValue(forKey: id) }
    }

    /// Delivers `reply` to the request it correlates with; `false` if none waits for it.
    func deliver(_ reply: Envelope, to id: String) -> Bool {
        guard let target = state.withLock({ $0.replies.removeValue(forKey: id) }) else { return false }
        target.yield(reply)
        target.finish()
        return true
    }

    /// Refuses new requests and ends every waiting one (they fail with ``RequestError/closed``).
    func close() {
        let pending = state.withLock { state in
            state.closed = true
            defer { state.replies.removeAll() }
            return Array(state.replies.values)
        }
        for continuation in pending {
            continuation.finish()
        }
    }
}
