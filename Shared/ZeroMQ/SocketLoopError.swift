/// Failures specific to ``SocketLoop`` and ``LoopSocket``.
public enum SocketLoopError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The loop has been shut down (or its context terminated); nothing more can be done on it.
    case shutDown
    /// The socket was closed (or never opened on this loop) before the operation could run.
    case socketClosed(id: UInt64)
    /// ``LoopSocket/trySend(_:)`` refused a message: `limit` earlier ones still wait to be sent (no peer, or the
    /// peer does not keep up).
    case sendQueueFull(id: UInt64, limit: Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .shutDown: return "the socket loop has shut down"
        case .socketClosed(let id): return "loop socket #\(id) is closed"
        case let .sendQueueFull(id, limit):
            return "loop socket #\(id) already has \(limit) messages waiting to be sent (peer gone or not keeping up); "
                + "message refused"
        }
    }
}
