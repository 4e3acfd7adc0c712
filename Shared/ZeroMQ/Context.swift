import CZeroMQ

/// A libzmq context: owns the I/O threads shared by its sockets.
///
/// Shutdown never hangs: every ``Socket`` keeps its context alive and is created with a bounded linger
/// (``defaultLinger``), so `zmq_ctx_term` runs only in `deinit`, after every socket has been closed, and waits
/// at most that linger for pending messages. ``shutdown()`` may be called from any thread to make blocking calls
/// on every socket of the context fail with `ETERM` so their owning loops end.
public final class Context: @unchecked Sendable {
    // @unchecked: libzmq contexts are thread-safe; `handle` never changes after init.
    let handle: UnsafeMutableRawPointer

    /// Linger applied to every socket created by this context (overridable per socket with `.linger`).
    public let defaultLinger: Duration

    /// Creates a context.
    /// - Parameters:
    ///   - ioThreads: number of libzmq I/O threads (one is plenty below a few GB/s).
    ///   - defaultLinger: bounded linger given to every new socket so closing never waits forever.
    public init(ioThreads: Int32 = 1, defaultLinger: Duration = .milliseconds(250)) throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError.current("zmq_ctx_new") }
        if zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads) != 0 {
            let error = ZMQError.current("zmq_ctx_set(ZMQ_IO_THREADS)")
            zmq_ctx_term(handle)
            throw error
        }
        self.handle = handle
        self.defaultLinger = defaultLinger
    }

    /// Creates a socket of `type` owned by the calling thread.
    public func socket(_ type: SocketType) throws(ZMQError) -> Socket {
        try Socket(context: self, type: type)
    }

    /// Makes every blocking call on this context's sockets return `ETERM` (non-blocking, idempotent).
    /// The sockets must still be closed by their owners; the context is terminated when the last one is gone.
    public func shutdown() {
        _ = zmq_ctx_shutdown(handle)
    }

    deinit {
        // All sockets are closed by now (each retained us). Bounded by their linger.
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}
