/// Waits for the single reply of a request on a one-shot stream, with a timeout.
enum ReplyWaiter {
    /// The first envelope of `replies`.
    /// - Throws: ``RequestError/timeout(type:after:)`` after `timeout`; ``RequestError/closed`` when the
    ///   stream finishes without a reply; `CancellationError` when the calling task is cancelled.
    static func first(
        of replies: AsyncStream<Envelope>, type: MessageType, timeout: Duration
    ) async throws -> Envelope {
        try await withThrowingTaskGroup(of: Envelope.self) { group in
            group.addTask {
                for await reply in replies {
                    return reply
                }
                try Task.checkCancellation()
                throw RequestError.closed
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw RequestError.timeout(type: type, after: timeout)
            }
            defer { group.cancelAll() }
            guard let reply = try await group.next() else { throw RequestError.closed }
            return reply
        }
    }
}
