/// Answers a stream's sync requests (``ReplayRequest``) from its durable log, as a ``RequestHandler``.
/// Services with more request types on the same socket call ``reply(to:)`` from their own handler.
public struct StreamSyncHandler: RequestHandler {
    /// The replay logic and its bounds.
    public let owner: StreamOwner
    /// The stream's log.
    public let reader: any StreamLogReader

    /// Creates a handler serving `owner.stream` from `reader`.
    public init(owner: StreamOwner, reader: any StreamLogReader) {
        self.owner = owner
        self.reader = reader
    }

    /// The reply to `request`: a ``ReplayBatch``, or an ``ErrorReply`` (`unknown_type`, `invalid_request`,
    /// `not_found` for another stream, `internal` when the log cannot be read).
    public func handle(_ request: Envelope) async -> any WireMessage {
        reply(to: request) ?? ErrorReply(
            code: .unknownType, message: "\"\(request.type)\" is not served by the \(owner.stream) sync endpoint")
    }

    /// The reply if `request` is a stream sync request, `nil` otherwise.
    public func reply(to request: Envelope) -> (any WireMessage)? {
        guard request.carries(ReplayRequest.self) else { return nil }
        let replay: ReplayRequest
        do {
            replay = try request.decode(ReplayRequest.self)
        } catch {
            return ErrorReply(error)
        }
        do {
            return try owner.replay(replay, from: reader)
        } catch let error as StreamError {
            return ErrorReply(code: .notFound, message: error.description, field: "stream")
        } catch {
            return ErrorReply(code: .internal, message: "cannot read the \(owner.stream) log: \(error)")
        }
    }
}
