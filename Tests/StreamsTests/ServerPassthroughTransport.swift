import Messaging
import Streams

/// A test transport that wraps another to change its client side (subscribers, request clients) and passes the
/// server side (publishers, request servers) through unchanged.
protocol ServerPassthroughTransport: StreamTransport {
    /// The transport the server side is taken from.
    var serverSide: any StreamTransport { get }
}

extension ServerPassthroughTransport {
    func publisher(bindingTo endpoint: String) async throws -> BoundEndpoint<any MessagePublisher> {
        try await serverSide.publisher(bindingTo: endpoint)
    }

    func requestServer(
        bindingTo endpoint: String, source: String, limits: RequestLimits
    ) async throws -> BoundEndpoint<any RequestServer> {
        try await serverSide.requestServer(bindingTo: endpoint, source: source, limits: limits)
    }
}
