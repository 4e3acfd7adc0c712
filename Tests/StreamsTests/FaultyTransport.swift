import KechuangTestSupport
import Messaging
import Streams
import Synchronization

/// A ``StreamTransport`` over an in-memory bus that loses, duplicates and delays (reorders) live messages and fails
/// some requests, deterministically from a seed: what ZeroMQ may do to a follower, at a much higher rate.
struct FaultyTransport: ServerPassthroughTransport {
    /// Probabilities of each fault.
    struct Faults: Sendable {
        var drop = 0.1
        var duplicate = 0.05
        var delay = 0.1
        var failRequest = 0.1
    }

    let inner: InMemoryStreamTransport
    var serverSide: any StreamTransport { inner }
    let faults: Faults
    let seed: UInt64

    func subscriber(
        connectingTo endpoint: String, prefixes: [Topic], receiveHighWaterMark: Int32
    ) async throws -> any MessageSubscriber {
        let subscriber = try await inner.subscriber(
            connectingTo: endpoint, prefixes: prefixes, receiveHighWaterMark: receiveHighWaterMark)
        return FaultySubscriber(inner: subscriber, faults: faults, seed: seed)
    }

    func requestClient(connectingTo endpoint: String, source: String) async throws -> any RequestClient {
        FaultyClient(
            inner: try await inner.requestClient(connectingTo: endpoint, source: source), faults: faults,
            seed: seed &+ 7)
    }

    func shutdown() async {}
}

/// Fails a share of requests at once, as a timed-out request would.
private final class FaultyClient: RequestClient {
    let inner: any RequestClient
    let faults: FaultyTransport.Faults
    let random: Mutex<SeededRandom>

    init(inner: any RequestClient, faults: FaultyTransport.Faults, seed: UInt64) {
        self.inner = inner
        self.faults = faults
        self.random = Mutex(SeededRandom(seed: seed))
    }

    var headers: HeaderFactory { inner.headers }

    func request(_ envelope: Envelope, timeout: Duration) async throws -> Envelope {
        let fail = random.withLock { Double.random(in: 0..<1, using: &$0) < faults.failRequest }
        if fail { throw RequestError.timeout(type: envelope.type, after: .zero) }
        return try await inner.request(envelope, timeout: timeout)
    }

    func close() async {
        await inner.close()
    }
}

/// Applies the faults to the live messages of an inner subscriber.
private struct FaultySubscriber: MessageSubscriber {
    let inner: any MessageSubscriber
    let envelopes: AsyncStream<Envelope>

    init(inner: any MessageSubscriber, faults: FaultyTransport.Faults, seed: UInt64) {
        self.inner = inner
        let feed = Feed(source: inner.envelopes, faults: faults, seed: seed)
        envelopes = AsyncStream(unfolding: { await feed.next() })
    }

    func subscribe(_ prefix: Topic) async throws { try await inner.subscribe(prefix) }
    func unsubscribe(_ prefix: Topic) async throws { try await inner.unsubscribe(prefix) }
    func close() async { await inner.close() }

    /// The one consumer's view of the faulty stream. Only the single consumer of ``envelopes`` calls ``next()``,
    /// never concurrently (hence `@unchecked Sendable`).
    final class Feed: @unchecked Sendable {
        private var iterator: AsyncStream<Envelope>.Iterator
        private let faults: FaultyTransport.Faults
        private var random: SeededRandom
        private var ready: [Envelope] = []
        private var held: [(releaseAfter: Int, envelope: Envelope)] = []
        private var received = 0

        init(source: AsyncStream<Envelope>, faults: FaultyTransport.Faults, seed: UInt64) {
            iterator = source.makeAsyncIterator()
            self.faults = faults
            random = SeededRandom(seed: seed)
        }

        func next() async -> Envelope? {
            while ready.isEmpty {
                guard let envelope = await iterator.next() else {
                    // The source ended: release what was held back, then end.
                    ready = held.map(\.envelope)
                    held = []
                    if ready.isEmpty { return nil }
                    break
                }
                received += 1
                let due = held.filter { $0.releaseAfter <= received }
                held.removeAll { $0.releaseAfter <= received }
                let roll = Double.random(in: 0..<1, using: &random)
                if roll < faults.drop {
                    // lost
                } else if roll < faults.drop + faults.delay {
                    held.append((received + Int.random(in: 1...20, using: &random), envelope))
                } else {
                    ready.append(envelope)
                    if Double.random(in: 0..<1, using: &random) < faults.duplicate { ready.append(envelope) }
                }
                ready += due.map(\.envelope)
            }
            return ready.removeFirst()
        }
    }
}
