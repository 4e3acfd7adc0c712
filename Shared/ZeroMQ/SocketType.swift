import CZeroMQ

/// The kind of a ZeroMQ socket.
public enum SocketType: Sendable, Hashable, CustomStringConvertible {
    /// Publisher: fans messages out to subscribers; never blocks (drops beyond the high-water mark).
    case pub
    /// Subscriber: receives messages whose first frame starts with a subscribed prefix.
    case sub
    /// Extended publisher: like `pub`, and receives subscription messages (`0x01` + prefix / `0x00` + prefix).
    case xpub
    /// Pipeline sender (load-balanced).
    case push
    /// Pipeline receiver (fair-queued).
    case pull
    /// Strict request side of request/reply.
    case req
    /// Strict reply side of request/reply.
    case rep
    /// Asynchronous request side: no lockstep; pairs with `router`.
    case dealer
    /// Addressed reply side: prefixes each received message with the peer's routing id.
    case router
    /// Exclusive pair, used for internal wake-ups over `inproc://`.
    case pair

    /// The libzmq constant (`ZMQ_PUB`, …).
    var rawValue: Int32 {
        switch self {
        case .pub: return ZMQ_PUB
        case .sub: return ZMQ_SUB
        case .xpub: return ZMQ_XPUB
        case .push: return ZMQ_PUSH
        case .pull: return ZMQ_PULL
        case .req: return ZMQ_REQ
        case .rep: return ZMQ_REP
        case .dealer: return ZMQ_DEALER
        case .router: return ZMQ_ROUTER
        case .pair: return ZMQ_PAIR
        }
    }

    /// Whether sockets of this kind can receive messages (everything except `pub` and `push`).
    public var canReceive: Bool {
        switch self {
        case .pub, .push: return false
        default: return true
        }
    }

    /// Upper-case libzmq name, e.g. `"ROUTER"`.
    public var description: String {
        switch self {
        case .pub: return "PUB"
        case .sub: return "SUB"
        case .xpub: return "XPUB"
        case .push: return "PUSH"
        case .pull: return "PULL"
        case .req: return "REQ"
        case .rep: return "REP"
        case .dealer: return "DEALER"
        case .router: return "ROUTER"
        case .pair: return "PAIR"
        }
    }
}
