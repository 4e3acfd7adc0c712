import Synchronization

/// The HTTP address actually served: the configured one until the server is listening, then the bound one (with
/// `--port 0`, the port the system picked). `web.status` reports it.
public final class BoundAddress: Sendable {
    private let address: Mutex<String>

    /// Starts with the configured address.
    public init(_ configured: String) {
        address = Mutex(configured)
    }

    /// The address now.
    public var value: String { address.withLock { $0 } }

    /// Records the bound address.
    public func set(_ value: String) {
        address.withLock { $0 = value }
    }

    /// `http://host:port` for a bound `port` on configured `host`.
    public static func url(host: String, port: Int) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}
