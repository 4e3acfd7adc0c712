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
    /// handlers at once (so slow requests — e.g. ones waiting for a group commit — overlap).
    public func serve(_ handler: any RequestHandler, maxConcurrent: Int = 64) async {
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for await request in requests {
                if running >= max(1, maxConcurrent) {
                    await group.next()
                    running -= 1
                }
                running += 1
                group.addTask {
                    let reply = await handler.handle(request.envelope)
                    try? await request.reply(any: reply)
                }
            }
            await group.waitForAll()
        }
    }
}
