/// Receives requests from many clients and lets the service reply to each (ROUTER side).
///
/// Malformed requests (wrong frame count, bad UTF-8 or JSON, unsupported version) are answered with an
/// ``ErrorReply`` by the transport itself and never reach ``requests``.
public protocol RequestServer: Sendable {
    /// Incoming requests in arrival order. Finishes after ``close()``.
    var requests: AsyncStream<IncomingRequest> { get }
    /// Stops serving.
    func close() async
}

extension RequestServer {
    /// Answers every request with `handler` until the server closes, running up to `maxConcurrent`
    /// handlers at once (so slow requests — e.g. ones waiting for a group commit — overlap). Each handler is a
    /// child of one discarding task group, released as soon as it has replied; a ``ConcurrencyLimit`` holds the
    /// next request back while `maxConcurrent` are running.
    public func serve(_ handler: any RequestHandler, maxConcurrent: Int = 64) async {
        let slots = ConcurrencyLimit(maxConcurrent)
        await withDiscardingTaskGroup { group in
            for await request in requests {
                guard await slots.acquire() else { break }
                group.addTask {
                    defer { slots.release() }
                    let reply = await handler.handle(request.envelope)
                    try? await request.reply(any: reply)
                }
            }
        }
    }
}
