import KechuangTestSupport
import Foundation
import Logging
import Messaging
import ServiceLifecycle
import Synchronization
import Testing
import ServiceKit
@testable import Streams

/// A stream entry's message in these tests.
private struct Fact: WireMessage {
    static let messageType: MessageType = "test.fact"
    var number: UInt64
    var topic: Topic { Topic("test").child("fact") }
}

/// An in-memory stream log for the owner tests.
private final class MemoryLog: StreamLogReader {
    private let stored = Mutex<[StoredEnvelope]>([])
    private let headers = HeaderFactory(source: "test")
    /// Calls of ``entries(after:limit:)``.
    let reads = Mutex(0)

    /// Appends `count` entries and returns them.
    @discardableResult
    func append(count: Int) throws -> [StoredEnvelope] {
        try stored.withLock { entries in
            var appended: [StoredEnvelope] = []
            for _ in 0..<count {
                let sequence = UInt64(entries.count + 1)
                let header = headers.header(for: Fact.self, sequence: sequence)
                let envelope = try Envelope(Fact(number: sequence), header: header)
                let entry = try StoredEnvelope(envelope)
                entries.append(entry)
                appended.append(entry)
            }
            return appended
        }
    }

    func entries(after sequence: UInt64, limit: Int) async throws -> [StoredEnvelope] {
        reads.withLock { $0 += 1 }
        return stored.withLock { entries in Array(entries.filter { $0.sequence > sequence }.prefix(limit)) }
    }

    var head: UInt64 {
            get async throws { stored.withLock { UInt64($0.count) } }
        }
}

/// Answers `stream.snapshot` requests with an empty page (stands for a metrics snapshot handler).
private struct SnapshotHandler: RequestHandler {
    func handle(_ request: Envelope) async -> any WireMessage {
        SnapshotBatch(stream: "test", prefix: "", sequence: 0, entries: [], hasMore: false)
    }
}

@Suite struct StreamOwnerServiceTests {
    private struct Harness {
        let bus = InMemoryBus()
        let log = MemoryLog()
        let subscriber: InMemorySubscriber
        let client: InMemoryRequestClient
        let owner: StreamOwnerService
        let group: ServiceGroup

        init(preloaded: Int = 0, handler: (any RequestHandler)? = nil) async throws {
            try log.append(count: preloaded)
            subscriber = bus.subscriber()
            try await subscriber.subscribe(Topic(""))
            let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
            owner = StreamOwnerService(
                owner: StreamOwner(stream: "test", maxBatchEntries: 4), reader: log, head: CommittedHead(),
                publishedThrough: try await log.head, publisher: bus.publisher(),
                syncServer: bus.requestServer(at: "test.sync", source: "test"), headers: HeaderFactory(source: "test"),
                heartbeatInterval: .milliseconds(20), handler: handler, logger: logger)
            client = bus.requestClient(to: "test.sync", source: "client")
            group = ServiceRunner.makeGroup(services: [owner], logger: logger, deadlines: .sharedProcess)
        }

        /// The first `count` stream entries published (heartbeats skipped), or fewer on timeout.
        func published(_ count: Int, timeout: Duration = .seconds(10)) async -> [UInt64] {
            let subscriber = self.subscriber
            let sequences = try? await withDeadline(timeout) {
                var sequences: [UInt64] = []
                for await envelope in subscriber.envelopes where envelope.carries(Fact.self) {
                    sequences.append(envelope.sequence ?? 0)
                    if sequences.count == count { break }
                }
                return sequences
            }
            return sequences.flatMap { $0 } ?? []
        }
    }

    @Test func publishesCommittedEntriesInSequenceOrderWhateverOrderHeadsArrive() async throws {
        let harness = try await Harness()
        async let running: Void = harness.group.run()
        try harness.log.append(count: 5)
        harness.owner.head.advance(to: 3)
        harness.owner.head.advance(to: 5)
        harness.owner.head.advance(to: 2)
        #expect(await harness.published(5) == [1, 2, 3, 4, 5])
        #expect(harness.owner.lastPublished == 5)
        await harness.group.triggerGracefulShutdown()
        try await running
    }

    @Test func entriesHandedOverWithTheCommitArePublishedWithoutReadingTheLog() async throws {
        let harness = try await Harness()
        async let running: Void = harness.group.run()
        let entries = try harness.log.append(count: 10)
        harness.owner.head.advance(to: 4, committing: Array(entries[0..<4]))
        #expect(await harness.published(4) == [1, 2, 3, 4])
        #expect(harness.log.reads.withLock { $0 } == 0)
        // 5 and 6 are not handed over: the owner reads them from the log, then takes 7…10 from memory.
        harness.owner.head.advance(to: 10, committing: Array(entries[6..<10]))
        #expect(await harness.published(6) == [5, 6, 7, 8, 9, 10])
        #expect(harness.log.reads.withLock { $0 } >= 1)
        await harness.group.triggerGracefulShutdown()
        try await running
    }

    @Test func entriesCommittedBeforeStartAreLeftToReplay() async throws {
        let harness = try await Harness(preloaded: 3)
        #expect(harness.owner.lastPublished == 3)
        async let running: Void = harness.group.run()
        try harness.log.append(count: 1)
        harness.owner.head.advance(to: 4)
        #expect(await harness.published(1) == [4])
        await harness.group.triggerGracefulShutdown()
        try await running
    }

    @Test func heartbeatsCarryTheLastPublishedSequence() async throws {
        let harness = try await Harness(preloaded: 2)
        async let running: Void = harness.group.run()
        let subscriber = harness.subscriber
        var iterator = subscriber.envelopes.makeAsyncIterator()
        let envelope = try #require(await iterator.next())
        let heartbeat = try envelope.decode(Heartbeat.self)
        #expect(heartbeat.stream == "test")
        #expect(heartbeat.latestSequence == 2)
        #expect(envelope.topic == "test.heartbeat")
        await harness.group.triggerGracefulShutdown()
        try await running
    }

    @Test func answersReplayInBoundedBatchesAndDelegatesOtherRequests() async throws {
        let harness = try await Harness(preloaded: 10, handler: SnapshotHandler())
        async let running: Void = harness.group.run()
        let batch = try await harness.client.request(
            ReplayRequest(stream: "test", afterSequence: 3, limit: 100), expecting: ReplayBatch.self, timeout: .seconds(30))
        #expect(batch.entries.map(\.sequence) == [4, 5, 6, 7])
        #expect(batch.hasMore)
        #expect(batch.lastSequence == 10)
        let wrongStream = try await harness.client.request(ReplayRequest(stream: "other", afterSequence: 0), timeout: .seconds(30))
        #expect(try wrongStream.decode(ErrorReply.self).code == .invalidRequest)
        let snapshot = try await harness.client.request(SnapshotRequest(stream: "test"), expecting: SnapshotBatch.self, timeout: .seconds(30))
        #expect(snapshot.stream == "test")
        await harness.group.triggerGracefulShutdown()
        try await running
    }

    @Test func withoutAHandlerOtherRequestsAreUnknownTypes() async throws {
        let harness = try await Harness()
        async let running: Void = harness.group.run()
        let reply = try await harness.client.request(SnapshotRequest(stream: "test"), timeout: .seconds(30))
        #expect(try reply.decode(ErrorReply.self).code == .unknownType)
        await harness.group.triggerGracefulShutdown()
        try await running
    }
}
