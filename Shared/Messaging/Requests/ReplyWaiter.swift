/// Waits for the single outcome of a request registered with ``PendingReplies``.
enum ReplyWaiter {
    /// The reply on `outcomes`.
    /// - Throws: ``RequestError/timeout(type:after:)`` when the request's timeout passed; `CancellationError` when
    ///   the calling task is cancelled; ``RequestError/closed`` when the client closed first.
    static func first(
        of outcomes: AsyncStream<ReplyOutcome>, type: MessageType, timeout: Duration
    ) async throws -> Envelope {
        // An AsyncStream's iteration ends when the iterating task is cancelled.
        for await outcome in outcomes {
            switch outcome {
            case let .reply(envelope): return envelope
            case .timedOut: throw RequestError.timeout(type: type, after: timeout)
            }
        }
        try Task.checkCancellation()
        throw RequestError.closed
    }
}
