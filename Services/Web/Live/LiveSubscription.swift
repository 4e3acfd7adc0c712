/// One Server-Sent Events client's queue: the chunks to write, in order. The stream ends when the client is
/// dropped as too slow or the service shuts down; ending the iteration (client gone) removes it from the hub.
public struct LiveSubscription: Sendable {
    /// The client's id in the hub.
    public let id: Int
    /// Ready-to-write SSE chunks (`event: …\ndata: …\n\n`).
    public let chunks: AsyncStream<String>
}
