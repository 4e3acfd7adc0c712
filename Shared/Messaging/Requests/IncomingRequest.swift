/// A request received by a ``RequestServer``, with the means to answer it exactly once.
public struct IncomingRequest: Sendable {
    /// The request.
    public let envelope: Envelope
    /// Stamps reply headers (source = this service).
    public let headers: HeaderFactory
    private let send: @Sendable (Envelope) async throws -> Void

    /// Creates a request whose replies go through `send`.
    public init(envelope: Envelope, headers: HeaderFactory, send: @escaping @Sendable (Envelope) async throws -> Void) {
        self.envelope = envelope
        self.headers = headers
        self.send = send
    }

    /// Sends a reply envelope as is (its `correlation` should be the request's id).
    public func reply(envelope: Envelope) async throws {
        try await send(envelope)
    }

    /// Replies with `message`; the header's `correlation` is the request's id. If `message` cannot be encoded, the
    /// client still gets its one reply (an `internal` error) and the encoding error is thrown.
    public func reply<M: WireMessage>(_ message: M, sequence: UInt64? = nil) async throws {
        let header = headers.header(for: M.self, sequence: sequence, correlation: envelope.header.id)
        let reply: Envelope
        do {
            reply = try Envelope(message, header: header)
        } catch {
            let fallback = ErrorReply(code: .internal, message: "the reply to \(envelope.type) could not be encoded")
            try await send(try Envelope(fallback, header: headers.header(for: ErrorReply.self, correlation: envelope.header.id)))
            throw error
        }
        try await send(reply)
    }

    /// Replies with any message value.
    public func reply(any message: any WireMessage) async throws {
        try await reply(message)
    }

    /// Replies with an ``ErrorReply``.
    public func reply(error: ErrorReply) async throws {
        try await reply(error)
    }
}
