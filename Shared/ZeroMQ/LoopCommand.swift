/// A request from any thread to a ``SocketLoop`` thread.
enum LoopCommand: Sendable {
    /// Create, configure and set up a socket, then register it.
    case open(
        type: SocketType, options: [SocketOption], receive: ReceiveMode, sendQueueLimit: Int,
        setUp: @Sendable (Socket) throws -> Void,
        reply: CheckedContinuation<LoopSocket, any Error>)
    /// Queue a message; `completion` reports once libzmq accepted it or it failed.
    case send(id: UInt64, frames: [Frame], completion: SendCompletion)
    /// Run `body` with the socket on the loop thread; `missing` runs instead if the socket is gone.
    case perform(id: UInt64, body: @Sendable (Socket) -> Void, missing: @Sendable (any Error) -> Void)
    /// The consumer drained the inbox: poll the socket for input again.
    case resumeInput(id: UInt64)
    /// Close one socket.
    case close(id: UInt64, reply: CheckedContinuation<Void, Never>?)
    /// Close every socket with at most `linger` and end the thread.
    case shutdown(linger: Duration)

    /// Where a new socket's inbound messages go.
    enum ReceiveMode: Sendable {
        /// To ``LoopSocket/incoming``, through an inbox of this many messages.
        case inbox(capacity: Int)
        /// To this handler, called on the loop thread.
        case handler(@Sendable ([Frame]) -> Void)
        /// To this responder, called on the loop thread; a message it returns is sent back on the same socket at
        /// once (without waiting: a reply that cannot be queued is dropped).
        case responder(@Sendable ([Frame]) -> [Frame]?)
    }

    /// Completes the command with `error` without running it (loop gone or socket missing).
    func fail(_ error: any Error) {
        switch self {
        case .open(_, _, _, _, _, let reply): reply.resume(throwing: error)
        case .send(_, _, let completion): completion.fail(error)
        case .perform(_, _, let missing): missing(error)
        case .resumeInput, .shutdown: break
        case .close(_, let reply): reply?.resume()
        }
    }
}
