/// Answers requests: given a request envelope, returns the reply message (an ``ErrorReply`` for failures).
public protocol RequestHandler: Sendable {
    /// The reply to `request`.
    func handle(_ request: Envelope) async -> any WireMessage
}
