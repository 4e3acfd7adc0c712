import Foundation

/// The one concurrency model for ZeroMQ in Kechuang: a dedicated `Thread` that owns a set of sockets and runs a
/// `zmq_poll` loop, bridged to `async` code.
///
/// - Sockets are created, configured and bound/connected on the loop thread (``open(_:options:incomingCapacity:setUp:)``).
/// - Inbound multipart messages flow to ``LoopSocket/incoming`` (bounded; see ``LoopSocket`` for backpressure), or
///   to a handler called on the loop thread (``open(_:options:sendQueueLimit:onMessage:setUp:)``).
/// - Outbound messages go through a thread-safe mailbox; the loop is woken through a pipe (see `WakeSignal`)
///   and sends them in order; ``LoopSocket/send(_:)`` resumes once libzmq accepted the message, and
///   ``LoopSocket/trySend(_:)`` queues without waiting, bounded per socket (``LoopSocket/sendQueueLimit``).
/// - ``shutdown(linger:)`` closes every socket with a bounded linger, terminates the context if the loop owns it,
///   and joins the thread. A context shut down elsewhere (`ETERM`) ends the loop the same way.
///
/// No blocking libzmq call ever runs on Swift's cooperative thread pool.
public final class SocketLoop: Sendable {
    private let mailbox: LoopMailbox

    /// Starts a loop thread.
    /// - Parameters:
    ///   - name: the thread name (visible in debuggers and `top -H`).
    ///   - context: the context for the sockets; by default the loop creates and owns its own.
    public init(name: String = "kechuang.zmq-loop", context: Context? = nil) throws(ZMQError) {
        let owned: Context
        if let context { owned = context } else { owned = try Context() }
        let mailbox = LoopMailbox(wake: try WakeSignal())
        self.mailbox = mailbox
        let worker = LoopWorker(mailbox: mailbox, context: owned)
        let thread = Thread { worker.run() }
        thread.name = name
        thread.start()
    }

    /// The default ``LoopSocket/sendQueueLimit``: messages ``LoopSocket/trySend(_:)`` may have waiting per socket.
    public static let defaultSendQueueLimit = 4096

    /// Opens a socket on the loop thread.
    /// - Parameters:
    ///   - type: the socket kind.
    ///   - options: typed options applied before `setUp` (e.g. high-water marks, routing id).
    ///   - incomingCapacity: messages buffered for ``LoopSocket/incoming`` before input pauses.
    ///   - sendQueueLimit: messages ``LoopSocket/trySend(_:)`` may have waiting before it refuses more.
    ///   - setUp: runs on the loop thread with the new socket: bind, connect, subscribe. Errors are rethrown here
    ///     and the socket is closed.
    /// - Returns: a handle usable from any task.
    public func open(
        _ type: SocketType,
        options: [SocketOption] = [],
        incomingCapacity: Int = 1024,
        sendQueueLimit: Int = SocketLoop.defaultSendQueueLimit,
        setUp: @escaping @Sendable (Socket) throws -> Void
    ) async throws -> LoopSocket {
        try await withCheckedThrowingContinuation { continuation in
            mailbox.post(.open(type: type, options: options, receive: .inbox(capacity: incomingCapacity),
                               sendQueueLimit: sendQueueLimit, setUp: setUp, reply: continuation))
        }
    }

    /// Opens a socket whose inbound messages are handed to `onMessage` on the loop thread, as they are received,
    /// instead of being buffered for ``LoopSocket/incoming`` (which finishes at once). No task is involved, so
    /// nothing outlives the socket: the handler is released when the socket closes or the loop shuts down.
    ///
    /// For light, non-blocking demultiplexing only (e.g. matching replies to waiting requests): the handler runs
    /// on the thread that serves every socket of the loop. It must not block, await or take long, and since
    /// input is never paused there is no receive backpressure beyond what the handler does.
    /// - Parameters:
    ///   - type: the socket kind.
    ///   - options: typed options applied before `setUp`.
    ///   - sendQueueLimit: messages ``LoopSocket/trySend(_:)`` may have waiting before it refuses more.
    ///   - onMessage: called on the loop thread with each multipart message, in order.
    ///   - setUp: runs on the loop thread with the new socket (bind, connect). Errors are rethrown here and the
    ///     socket is closed.
    /// - Returns: a handle usable from any task.
    public func open(
        _ type: SocketType,
        options: [SocketOption] = [],
        sendQueueLimit: Int = SocketLoop.defaultSendQueueLimit,
        onMessage: @escaping @Sendable ([Frame]) -> Void,
        setUp: @escaping @Sendable (Socket) throws -> Void
    ) async throws -> LoopSocket {
        try await withCheckedThrowingContinuation { continuation in
            mailbox.post(.open(type: type, options: options, receive: .handler(onMessage),
                               sendQueueLimit: sendQueueLimit, setUp: setUp, reply: continuation))
        }
    }

    /// Opens a socket whose inbound messages are answered on the loop thread: `respond` is called with each
    /// multipart message as it is received, and the message it returns (if any) is sent back on the same socket
    /// at once, without waiting (a ROUTER reply starts with the routing id it received). For small, fast
    /// protocols served inside the process, such as the ZAP handler of ``CurveAuthenticator``. The same rules as
    /// for message handlers apply: never block, await or take long.
    /// - Parameters:
    ///   - type: the socket kind (ROUTER, or REP).
    ///   - options: typed options applied before `setUp`.
    ///   - respond: called on the loop thread with each message; returns the reply or `nil` for none.
    ///   - setUp: runs on the loop thread with the new socket (bind). Errors are rethrown here.
    /// - Returns: a handle usable from any task.
    public func open(
        _ type: SocketType,
        options: [SocketOption] = [],
        respond: @escaping @Sendable ([Frame]) -> [Frame]?,
        setUp: @escaping @Sendable (Socket) throws -> Void
    ) async throws -> LoopSocket {
        try await withCheckedThrowingContinuation { continuation in
            mailbox.post(.open(type: type, options: options, receive: .responder(respond),
                               sendQueueLimit: SocketLoop.defaultSendQueueLimit, setUp: setUp, reply: continuation))
        }
    }

    /// Closes every socket (linger at most `linger`), ends their `incoming` streams, fails pending sends with
    /// ``SocketLoopError/shutDown`` or ``SocketLoopError/socketClosed(id:)``, and waits for the thread to exit.
    /// Idempotent; safe to call concurrently.
    public func shutdown(linger: Duration = .milliseconds(200)) async {
        await mailbox.shutdownAndJoin(linger: linger)
    }

    /// `true` once the loop thread has exited.
    public var isShutDown: Bool { mailbox.isFinished }
}
