/// Sends requests and awaits their replies (DEALER/REQ side). Many requests may be in flight at once;
/// replies are matched to requests by the reply header's `correlation` (= the request's `id`).
public protocol RequestClient: Sendable {
    /// Stamps the headers of requests sent through the convenience methods.
    var headers: HeaderFactory { get }
    /// Sends `envelope` and returns the reply envelope (which may carry an ``ErrorReply``).
    /// - Throws: ``RequestError/timeout(type:after:)`` when no reply arrives within `timeout`,
    ///   ``RequestError/closed``, or a transport error.
    func request(_ envelope: Envelope, timeout: Duration) async throws -> Envelope
    /// Stops the client; outstanding requests fail with ``RequestError/closed``.
    func close() async
}

extension RequestClient {
    /// Sends `message` (header stamped by ``headers``) and returns the reply envelope.
    public func request<M: WireMessage>(_ message: M, timeout: Duration = .seconds(5)) async throws -> Envelope {
        try await request(Envelope(message, header: headers.header(for: M.self)), timeout: timeout)
    }

    /// Sends `message` and decodes the reply as `R`.
    /// - Throws: ``RequestError/rejected(_:)`` when the server answered with an ``ErrorReply``,
    ///   ``RequestError/badReply(_:)`` when the reply is neither `R` nor an error, or as
    ///   ``request(_:timeout:)-(M,_)``.
    public func request<M: WireMessage, R: WireMessage>(
        _ message: M, expecting _: R.Type, timeout: Duration = .seconds(5)
    ) async throws -> R {
        let reply = try await request(message, timeout: timeout)
        if reply.carries(ErrorReply.self), R.messageType != ErrorReply.messageType {
            do {
                throw RequestError.rejected(try reply.decode(ErrorReply.self))
            } catch let error as EnvelopeError {
                throw RequestError.badReply(error)
            }
        }
        do {
            return try reply.decode(R.self)
        } catch {
            throw RequestError.badReply(error)
        }
    }
}
