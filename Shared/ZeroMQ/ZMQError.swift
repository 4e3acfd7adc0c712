import CZeroMQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed libzmq call: the `errno` it reported, the name of the call, and the endpoint involved (if any).
///
/// `description` uses `zmq_strerror`, e.g.
/// `zmq_bind(ipc:///run/kechuang/ingest.pub) failed: Address already in use (errno 98)`.
public struct ZMQError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The `errno` value reported by libzmq (`zmq_errno()`), possibly a libzmq-specific code such as `ETERM`.
    public let code: Int32
    /// The libzmq function that failed, e.g. `"zmq_msg_send"`.
    public let operation: String
    /// The endpoint the call was about, when there is one (bind, connect, unbind, disconnect).
    public let endpoint: String?

    /// Creates an error from explicit values.
    public init(code: Int32, operation: String, endpoint: String? = nil) {
        self.code = code
        self.operation = operation
        self.endpoint = endpoint
    }

    /// Captures the current `zmq_errno()` for `operation`.
    static func current(_ operation: String, endpoint: String? = nil) -> ZMQError {
        ZMQError(code: zmq_errno(), operation: operation, endpoint: endpoint)
    }

    /// The human-readable message for `code` from `zmq_strerror`.
    public var message: String {
        guard let text = zmq_strerror(code) else { return "unknown error" }
        return String(cString: text)
    }

    /// `true` when the context was terminated (`ETERM`): loops should end cleanly.
    public var isTerminated: Bool { code == ETERM }

    /// `true` when the operation would have blocked (`EAGAIN`), including a receive/send timeout expiring.
    public var isWouldBlock: Bool { code == EAGAIN }

    /// `true` when a ROUTER with router-mandatory could not route to the addressed peer (`EHOSTUNREACH`).
    public var isHostUnreachable: Bool { code == EHOSTUNREACH }

    /// A one-line description: call, endpoint, `zmq_strerror` text and errno.
    public var description: String {
        let target = endpoint.map { "(\($0))" } ?? ""
        return "\(operation)\(target) failed: \(message) (errno \(code))"
    }
}
