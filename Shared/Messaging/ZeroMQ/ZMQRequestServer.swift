import Foundation
import Logging
import Synchronization
import ZeroMQ

/// ``RequestServer`` on a ZeroMQ ROUTER socket owned by a ``SocketLoop``: serves any number of REQ and
/// DEALER clients.
///
/// Received messages are `[routing id, "" (optional delimiter), topic, header, body]`; replies go back with
/// the same routing id and delimiter (REQ clients need the delimiter; DEALER clients may omit it).
/// Malformed requests are answered with an ``ErrorReply`` here and never reach ``requests``; so are requests above
/// the endpoint's size limit (`too_large`) and requests of a client that already has its share in flight (`busy`),
/// see ``RequestLimits``. Every error reply carries the request's id as `correlation` whenever the header names one.
public final class ZMQRequestServer: RequestServer {
    /// The underlying socket.
    public let socket: LoopSocket
    /// Well-formed requests in arrival order.
    public let requests: AsyncStream<IncomingRequest>
    /// The endpoint's bounds.
    public let limits: RequestLimits
    private let inFlight: PeerInFlight

    /// Wraps an open ROUTER socket.
    public init(
        socket: LoopSocket, headers: HeaderFactory, registry: MessageRegistry? = nil,
        limits: RequestLimits = .queries, logger: Logger = Logger(label: "kechuang.messaging")
    ) {
        self.socket = socket
        self.limits = limits
        let inFlight = PeerInFlight(limit: limits.maxInFlightPerPeer)
        self.inFlight = inFlight
        let throttle = LogThrottle()
        let source = IteratorBox(socket.incoming)
        requests = AsyncStream(unfolding: {
            while let frames = await source.next() {
                guard let identity = frames.first, frames.count >= 2 else { continue }
                let hasDelimiter = frames[1].isEmpty
                let routing = hasDelimiter ? [identity, Frame()] : [identity]
                let body = frames[routing.count...]
                func refuse(_ reply: ErrorReply, _ what: String, _ metadata: Logger.Metadata) async {
                    if let suppressed = throttle.permit() {
                        var metadata = metadata
                        metadata["code"] = "\(reply.code)"
                        if suppressed > 0 { metadata["suppressed"] = "\(suppressed)" }
                        logger.warning("\(what)", metadata: metadata)
                    }
                    let header = headers.header(for: ErrorReply.self, correlation: Self.requestID(in: body))
                    if let envelope = try? Envelope(reply, header: header) {
                        try? await socket.send(routing + EnvelopeCodec.frames(envelope))
                    }
                }
                let bytes = body.reduce(0) { $0 + $1.count }
                guard bytes <= limits.maxRequestBytes else {
                    await refuse(
                        ErrorReply(
                            code: .tooLarge,
                            message: "request of \(bytes) bytes is above this endpoint's limit of "
                                + "\(limits.maxRequestBytes) bytes",
                            limit: "\(limits.maxRequestBytes)"),
                        "refused oversized request", ["bytes": "\(bytes)"])
                    continue
                }
                let envelope: Envelope
                do throws(EnvelopeError) {
                    envelope = try EnvelopeCodec.decode(body, registry: registry)
                } catch {
                    await refuse(
                        ErrorReply(error), "rejected malformed request",
                        ["error": "\(EchoedText.truncate(error.description))", "frames": "\(body.count)"])
                    continue
                }
                let peer = identity.data
                guard inFlight.enter(peer) else {
                    await refuse(
                        ErrorReply(
                            code: .busy,
                            message: "this client already has \(limits.maxInFlightPerPeer) requests in flight; "
                                + "retry after a reply",
                            limit: "\(limits.maxInFlightPerPeer)"),
                        "refused request of a busy client", ["type": "\(EchoedText.truncate(envelope.type.rawValue))"])
                    continue
                }
                let done = Completion { inFlight.leave(peer) }
                return IncomingRequest(envelope: envelope, headers: headers) { reply in
                    // The request leaves the client's share before its reply is sent: a client that sends its next
                    // request on reading this reply must find the slot free (after the send, it raced the reply).
                    done.run()
                    try await socket.send(routing + EnvelopeCodec.frames(reply))
                }
            }
            return nil
        })
    }

    /// Opens a ROUTER socket on `loop` bound to `endpoint`, with `limits`' socket options (receive and send
    /// high-water marks, message size cut-off) added to `options`.
    public static func bind(
        _ endpoint: String, on loop: SocketLoop, source: String,
        options: [SocketOption] = [.routerMandatory(false)], registry: MessageRegistry? = nil,
        limits: RequestLimits = .queries, logger: Logger = Logger(label: "kechuang.messaging")
    ) async throws -> ZMQRequestServer {
        let socket = try await loop.open(
            .router, options: options + socketOptions(limits), incomingCapacity: limits.inboxCapacity
        ) { try $0.bind(endpoint) }
        return ZMQRequestServer(
            socket: socket, headers: HeaderFactory(source: source), registry: registry, limits: limits, logger: logger)
    }

    /// The ROUTER socket options enforcing `limits`.
    public static func socketOptions(_ limits: RequestLimits) -> [SocketOption] {
        [
            .maxMessageSize(limits.socketMessageLimit), .sendHighWaterMark(limits.sendHighWaterMark),
            .receiveHighWaterMark(limits.receiveHighWaterMark),
        ]
    }

    /// Requests currently in flight for all clients (tests).
    var inFlightCount: Int { inFlight.total }

    /// Closes the socket; ``requests`` finishes.
    public func close() async {
        await socket.close()
    }

    /// The request id of a malformed request, when its header can still be read.
    static func requestID(in frames: ArraySlice<Frame>) -> String? {
        guard frames.count >= 2 else { return nil }
        let header = frames[frames.startIndex + 1]
        return EnvelopeCodec.readableID(inHeader: header.data)
    }
}

/// Requests in flight per client routing id (entries are removed at zero, so the table holds only busy clients).
final class PeerInFlight: Sendable {
    private let limit: Int
    private let counts = Mutex<[Data: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one more request of `peer`; `false` (nothing counted) when it already has `limit`.
    func enter(_ peer: Data) -> Bool {
        counts.withLock { counts in
            let current = counts[peer, default: 0]
            guard current < limit else { return false }
            counts[peer] = current + 1
            return true
        }
    }

    /// One request of `peer` was answered.
    func leave(_ peer: Data) {
        counts.withLock { counts in
            guard let current = counts[peer] else { return }
            counts[peer] = current > 1 ? current - 1 : nil
        }
    }

    var total: Int { counts.withLock { $0.values.reduce(0, +) } }
}

/// Runs its action at most once.
final class Completion: Sendable {
    private let action: Mutex<(@Sendable () -> Void)?>

    init(_ action: @escaping @Sendable () -> Void) {
        self.action = Mutex(action)
    }

    func run() {
        let pending = action.withLock { action in
            defer { action = nil }
            return action
        }
        pending?()
    }
}
