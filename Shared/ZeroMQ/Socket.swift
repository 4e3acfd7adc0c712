import CZeroMQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libzmq socket, synchronous API. Not thread-safe: use it from exactly one thread (its owner), such as a
/// ``SocketLoop`` thread or a dedicated `Thread` — never from Swift's cooperative pool with blocking calls.
///
/// `ipc://` endpoints are guarded automatically by ``EndpointGuard`` on ``bind(_:)``: runtime directory (0700),
/// path-length check, exclusive lock file and stale socket cleanup. The lock is released on ``unbind(_:)`` or
/// ``close()``. `EINTR` is retried; "would block" (`EAGAIN`, also a timeout expiring) is reported as `false`/`nil`.
public final class Socket {
    /// The socket kind.
    public let type: SocketType
    /// The context that created the socket (kept alive by it).
    public let context: Context
    private(set) var handle: UnsafeMutableRawPointer?
    private var guards: [String: EndpointGuard] = [:]
    private let scratch: UnsafeMutablePointer<zmq_msg_t>
    /// The last small message returned, reused for the next receive once the caller has dropped it.
    private var spareMessage: ReceivedMessage?

    init(context: Context, type: SocketType) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError.current("zmq_socket(\(type))")
        }
        self.handle = handle
        self.type = type
        self.context = context
        scratch = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
        scratch.initialize(to: zmq_msg_t())
        do {
            try SocketOption.linger(context.defaultLinger).apply(to: handle)
        } catch {
            zmq_close(handle)
            self.handle = nil
            throw error
        }
    }

    deinit {
        close()
        scratch.deinitialize(count: 1)
        scratch.deallocate()
    }

    /// `true` once ``close()`` has run.
    public var isClosed: Bool { handle == nil }

    private func live(_ operation: String, endpoint: String? = nil) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(code: ENOTSOCK, operation: operation, endpoint: endpoint) }
        return handle
    }

    // MARK: Options

    /// Sets one typed option.
    public func set(_ option: SocketOption) throws(ZMQError) {
        try option.apply(to: live("zmq_setsockopt"))
    }

    /// Sets several typed options in order.
    public func set(_ options: [SocketOption]) throws(ZMQError) {
        for option in options { try set(option) }
    }

    /// The endpoint most recently bound or connected (`ZMQ_LAST_ENDPOINT`), e.g. the port chosen for `tcp://*:*`.
    public func lastEndpoint() throws(ZMQError) -> String {
        let handle = try live("zmq_getsockopt(ZMQ_LAST_ENDPOINT)")
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        if zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) != 0 {
            throw ZMQError.current("zmq_getsockopt(ZMQ_LAST_ENDPOINT)")
        }
        let bytes = buffer.prefix(max(0, size - 1)).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Endpoints

    /// Binds to `endpoint`. For `ipc://` paths the endpoint is first claimed with an ``EndpointGuard``; a second
    /// binder (any process) gets ``EndpointError/alreadyBound(endpoint:lockPath:)``.
    /// - Throws: ``EndpointError`` or ``ZMQError``.
    public func bind(_ endpoint: String) throws {
        let handle = try live("zmq_bind", endpoint: endpoint)
        let endpointGuard = try EndpointGuard.claim(endpoint)
        if zmq_bind(handle, endpoint) != 0 {
            let error = ZMQError.current("zmq_bind", endpoint: endpoint)
            endpointGuard?.release()
            throw error
        }
        if let endpointGuard { guards[endpoint] = endpointGuard }
    }

    /// Connects to `endpoint` (the peer need not be bound yet; libzmq reconnects).
    public func connect(_ endpoint: String) throws(ZMQError) {
        let handle = try live("zmq_connect", endpoint: endpoint)
        if zmq_connect(handle, endpoint) != 0 { throw ZMQError.current("zmq_connect", endpoint: endpoint) }
    }

    /// Stops listening on `endpoint` and releases its lock (after libzmq removed the socket file).
    public func unbind(_ endpoint: String) throws(ZMQError) {
        let handle = try live("zmq_unbind", endpoint: endpoint)
        if zmq_unbind(handle, endpoint) != 0 { throw ZMQError.current("zmq_unbind", endpoint: endpoint) }
        if let endpointGuard = guards.removeValue(forKey: endpoint) {
            endpointGuard.waitForSocketFileRemoval()
            endpointGuard.release()
        }
    }

    /// Disconnects from `endpoint`.
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        let handle = try live("zmq_disconnect", endpoint: endpoint)
        if zmq_disconnect(handle, endpoint) != 0 { throw ZMQError.current("zmq_disconnect", endpoint: endpoint) }
    }

    /// SUB: receive messages whose first frame starts with `prefix` (empty = everything).
    public func subscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setBytes(ZMQ_SUBSCRIBE, prefix, "zmq_setsockopt(ZMQ_SUBSCRIBE)")
    }

    /// SUB: subscribe to the UTF-8 bytes of `prefix`.
    public func subscribe(_ prefix: String) throws(ZMQError) { try subscribe(Array(prefix.utf8)) }

    /// SUB: remove one earlier subscription to `prefix`.
    public func unsubscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setBytes(ZMQ_UNSUBSCRIBE, prefix, "zmq_setsockopt(ZMQ_UNSUBSCRIBE)")
    }

    /// SUB: unsubscribe from the UTF-8 bytes of `prefix`.
    public func unsubscribe(_ prefix: String) throws(ZMQError) { try unsubscribe(Array(prefix.utf8)) }

    private func setBytes(_ option: Int32, _ bytes: [UInt8], _ operation: String) throws(ZMQError) {
        let handle = try live(operation)
        let rc = bytes.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        if rc != 0 { throw ZMQError.current(operation) }
    }

    // MARK: Sending

    /// Sends a multipart message atomically.
    /// - Parameter dontWait: when `true`, return `false` instead of blocking if the message cannot be queued now.
    /// - Returns: `true` when libzmq accepted the message; `false` when it would block or the send timeout expired.
    /// - Throws: ``ZMQError`` (e.g. `EHOSTUNREACH` with router-mandatory, `ETERM` after context shutdown).
    @discardableResult
    public func send(_ frames: [Frame], dontWait: Bool = false) throws(ZMQError) -> Bool {
        let handle = try live("zmq_msg_send")
        if frames.count == 1, let only = frames.first {
            return try sendPart(handle, only, flags: dontWait ? ZMQ_DONTWAIT : 0)
        }
        guard !frames.isEmpty else { return true }
        let last = frames.count - 1
        for (index, frame) in frames.enumerated() {
            var flags: Int32 = index < last ? ZMQ_SNDMORE : 0
            // Only the first part can block: libzmq queues the rest of a started multipart message atomically.
            if dontWait && index == 0 { flags |= ZMQ_DONTWAIT }
            if try !sendPart(handle, frame, flags: flags) {
                return false
            }
        }
        return true
    }

    /// Sends one frame; `more` marks that further parts of the same message follow.
    @discardableResult
    public func send(_ frame: Frame, more: Bool = false, dontWait: Bool = false) throws(ZMQError) -> Bool {
        let handle = try live("zmq_msg_send")
        var flags: Int32 = more ? ZMQ_SNDMORE : 0
        if dontWait { flags |= ZMQ_DONTWAIT }
        return try sendPart(handle, frame, flags: flags)
    }

    private func sendPart(_ handle: UnsafeMutableRawPointer, _ frame: Frame, flags: Int32) throws(ZMQError) -> Bool {
        try frame.initialize(message: scratch)
        while true {
            if zmq_msg_send(scratch, handle, flags) >= 0 { return true }
            let code = zmq_errno()
            if code == EINTR { continue }
            zmq_msg_close(scratch)
            if code == EAGAIN { return false }
            throw ZMQError(code: code, operation: "zmq_msg_send")
        }
    }

    // MARK: Receiving

    /// Receives one whole multipart message, each frame backed by its own `zmq_msg_t` (no copy, no truncation).
    /// - Parameter dontWait: when `true`, return `nil` at once if no message is waiting.
    /// - Returns: the frames, or `nil` when it would block or the receive timeout expired.
    /// - Throws: ``ZMQError`` (`ETERM` after context shutdown).
    public func receiveMultipart(dontWait: Bool = false) throws(ZMQError) -> [Frame]? {
        let handle = try live("zmq_msg_recv")
        guard let (first, more) = try receivePart(handle, flags: dontWait ? ZMQ_DONTWAIT : 0, reuse: true) else {
            return nil
        }
        if !more { return [first] }
        var frames = [first]
        var hasMore = more
        while hasMore {
            // The remaining parts of a message arrive atomically with the first one.
            guard let (frame, next) = try receivePart(handle, flags: 0, reuse: false) else { break }
            frames.append(frame)
            hasMore = next
        }
        return frames
    }

    /// Receives one frame and whether more parts of the same message follow.
    ///
    /// The single-part fast path: no array is built, and the `zmq_msg_t` of a small frame is reused for the next
    /// receive once the caller has dropped the frame (so a loop of `receiveFrame()` allocates nothing per message).
    public func receiveFrame(dontWait: Bool = false) throws(ZMQError) -> (frame: Frame, more: Bool)? {
        let handle = try live("zmq_msg_recv")
        guard let (frame, more) = try receivePart(handle, flags: dontWait ? ZMQ_DONTWAIT : 0, reuse: true) else {
            return nil
        }
        return (frame, more)
    }

    private func receivePart(
        _ handle: UnsafeMutableRawPointer, flags: Int32, reuse: Bool
    ) throws(ZMQError) -> (Frame, Bool)? {
        let message = reuse ? reusableMessage() : ReceivedMessage.make()
        while message.receive(from: handle, flags: flags) < 0 {
            let code = zmq_errno()
            if code == EINTR { continue }
            if reuse { spareMessage = message }
            if code == EAGAIN { return nil }
            throw ZMQError(code: code, operation: "zmq_msg_recv")
        }
        let more = message.more
        if reuse && message.count < Frame.zeroCopyThreshold { spareMessage = message }
        return (Frame(received: consume message), more)
    }

    /// The spare message if nobody else references it any more, else a new one. `zmq_msg_recv` releases the
    /// spare's previous content itself, so it is not reset here.
    private func reusableMessage() -> ReceivedMessage {
        if var spare = spareMessage {
            spareMessage = nil
            if isKnownUniquelyReferenced(&spare) { return spare }
        }
        return ReceivedMessage.make()
    }

    // MARK: Closing

    /// Closes the socket (idempotent). Pending outbound messages linger for at most the socket's linger;
    /// `ipc://` endpoint locks are released once libzmq removed the socket files.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        spareMessage = nil
        zmq_close(handle)
        for endpointGuard in guards.values {
            endpointGuard.waitForSocketFileRemoval()
            endpointGuard.release()
        }
        guards.removeAll()
    }

    /// The raw libzmq handle, for ``Poller`` and C interop; `nil` once closed. Never use it from another thread.
    public var rawHandle: UnsafeMutableRawPointer? { handle }
}
