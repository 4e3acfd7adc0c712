/// The bounds of one request endpoint (a ROUTER), so no client — hostile, buggy or merely slow — can make a service
/// grow without bound or starve other clients (docs/protocol.md §6.4).
///
/// - A request (topic + header + body frames) above ``maxRequestBytes`` is answered `too_large` (with `limit`)
///   without its JSON being read. Frames above ``socketMessageLimit`` are cut off by libzmq (`ZMQ_MAXMSGSIZE`: the
///   connection is dropped, no reply is possible); that limit is twice the request limit (at least 1 MiB more), so a
///   client that overshoots by a little still gets a typed reply.
/// - At most ``maxInFlightPerPeer`` requests of one client (one routing id) are handled at once; more are answered
///   `busy` at once, so one client cannot take every handler slot.
/// - Replies waiting for a client that does not read are bounded by ``sendHighWaterMark`` (`ZMQ_SNDHWM`, messages
///   per client); beyond it libzmq drops replies to that client. Requests waiting to be handled are bounded by
///   ``receiveHighWaterMark`` (`ZMQ_RCVHWM`, per client) and ``inboxCapacity`` (the socket loop's buffer).
public struct RequestLimits: Sendable, Hashable {
    /// Largest request answered normally, in bytes (the three envelope frames together).
    public var maxRequestBytes: Int
    /// Requests of one client handled at once.
    public var maxInFlightPerPeer: Int
    /// Replies queued per client before libzmq drops further ones.
    public var sendHighWaterMark: Int32

    /// Bytes of a request on a query endpoint (replay, snapshot, history, status, subject, ranking): 64 KiB.
    public static let queryRequestBytes = 64 * 1024
    /// Default per-client in-flight cap.
    public static let defaultInFlightPerPeer = 32
    /// Default per-client reply queue: four times the in-flight share. A client that reads its replies never has
    /// more than its share unread, but libzmq learns what the peer has read only every half high-water mark, so a
    /// queue bound equal to the share dropped replies to a client reading at full speed (test
    /// `aClientAtItsInFlightShareGetsEveryReply`); with four times the share the lag fits, while a client that
    /// never reads still holds at most this many replies.
    public static let defaultSendHighWaterMark = Int32(4 * defaultInFlightPerPeer)

    /// Limits for a query endpoint (`*.sync`, `metrics.req`, `scoring.req`).
    public static let queries = RequestLimits(maxRequestBytes: queryRequestBytes)

    /// Creates limits.
    public init(
        maxRequestBytes: Int, maxInFlightPerPeer: Int = RequestLimits.defaultInFlightPerPeer,
        sendHighWaterMark: Int32 = RequestLimits.defaultSendHighWaterMark
    ) {
        self.maxRequestBytes = max(1, maxRequestBytes)
        self.maxInFlightPerPeer = max(1, maxInFlightPerPeer)
        self.sendHighWaterMark = max(1, sendHighWaterMark)
    }

    /// Frames above this many bytes make libzmq drop the connection (`ZMQ_MAXMSGSIZE`).
    public var socketMessageLimit: Int64 {
        let request = Int64(maxRequestBytes)
        return max(2 * request, request + (1 << 20))
    }

    /// Requests buffered per client by libzmq before the client is slowed down (`ZMQ_RCVHWM`): about 256 MiB of
    /// maximum-size requests, between 4 and 1000.
    public var receiveHighWaterMark: Int32 {
        Int32(min(1000, max(4, (256 << 20) / maxRequestBytes)))
    }

    /// Requests buffered by the socket loop before it stops reading the socket (same bound as the receive
    /// high-water mark, at most 1024).
    public var inboxCapacity: Int {
        Int(receiveHighWaterMark)
    }
}
