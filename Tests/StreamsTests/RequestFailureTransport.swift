import KechuangTestSupport
import Messaging
import Streams

/// A ``StreamTransport`` that passes everything to `inner` and fires `failed` when a request through it throws
/// (a timeout, a refused connection): a test waits for that event instead of guessing when it happened.
struct RequestFailureTransport: ServerPassthroughTransport {
    let inner: any StreamTransport
    var serverSide: any StreamTransport { inner }
    /// Fired at the first failed request (and harmlessly again at later ones).
    let failed = AsyncSignal()

    func subscriber(
        connectingTo endpoint: String, prefixes: [Topic], receiveHighWaterMark: Int32
    ) async throws -> any MessageSubscriber {
        try await inner.subscriber(connectingTo: endpoint, prefixes: prefixes, receiveHighWaterMark: receiveHighWaterMark)
    }

    func requestClient(connectingTo endpoint: String, source: String) async throws -> any RequestClient {
        WatchedClient(inner: try await inner.requestClient(connectingTo: endpoint, source: source), failed: failed)
    }

    func shutdown() async {
        await inner.shutdown()
    }
}

/// Passes requests on and fires the signal when one throws.
private final class WatchedClient: RequestClient {
    let inner: any RequestClient
    let failed: AsyncSignal

    init(inner: any RequestClient, failed: AsyncSignal) {
        self.inner = inner
        self.failed = failed
    }

    var headers: HeaderFactory { inner.headers }

    func request(_ envelope: Envelope, timeout: Duration) async throws -> Envelope {
        do {
            return try await inner.request(envelope, timeout: timeout)
        } catch {
            failed.fire()
            throw error
        }
    }

    func close() async {
        await inner.close()
    }
}
