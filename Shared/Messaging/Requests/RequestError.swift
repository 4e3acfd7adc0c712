/// Failures of a request/reply exchange seen by the client.
public enum RequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No reply arrived within the timeout (the server may be down, slow or unreachable).
    case timeout(type: MessageType, after: Duration)
    /// The client was closed before the reply arrived.
    case closed
    /// No server is listening on the named in-memory endpoint.
    case noServer(endpoint: String)
    /// The server answered with an ``ErrorReply``.
    case rejected(ErrorReply)
    /// The reply could not be decoded as the expected type.
    case badReply(EnvelopeError)

    /// Explanation naming the request type, timeout or code.
    public var description: String {
        switch self {
        case let .timeout(type, after):
            "no reply to \"\(type)\" within \(after)"
        case .closed:
            "request client closed before the reply arrived"
        case let .noServer(endpoint):
            "no request server at \"\(endpoint)\""
        case let .rejected(reply):
            "request rejected: \(reply)"
        case let .badReply(error):
            "bad reply: \(error)"
        }
    }
}
