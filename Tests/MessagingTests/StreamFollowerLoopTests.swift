import Foundation
import Messaging
import Synchronization
import Testing

/// An appendable in-memory stream log.
final class GrowingLog: StreamLogReader {
    private let entries = Mutex<[StoredEnvelope]>([])

    func append(_ envelope: Envelope) throws {
        let stored = try StoredEnvelope(envelope)
        entries.withLock { $0.append(stored) }
    }

    func entries(after sequence: UInt64, limit: Int) throws -> [StoredEnvelope] {
        entries.withLock { Array($0.filter { $0.sequence > sequence }.prefix(limit)) }
    }

    var head: UInt64 { entries.withLock { $0.last?.sequence ?? 0 } }
}

@Suite struct StreamFollowerLoopTests {
    @Test func followerLoopCatchesUpRepairsLossAndNoticesTail() async throws {
        let bus = InMemoryBus()
        let log = GrowingLog()
        let owner = StreamOwner(stream: "metrics", maxBatchEntries: 3)
        let server = bus.requestServer(at: "metrics.sync", source: "metrics")
        let serving = Task { await server.serve(StreamSyncHandler(owner: owner, reader: log)) }
        let publisher = bus.publisher()
        let headers = HeaderFactory(source: "metrics")
        for sequence: UInt64 in 1...10 { try log.append(streamEnvelope(sequence)) }

        let subscriber = bus.subscriber()
        try await subscriber.subscribe(Topic.family("sample"))
        let (applied, appliedSink) = AsyncStream<UInt64>.makeStream()
        let (ready, readySink) = AsyncStream<UInt64>.makeStream()
        let loop = StreamFollowerLoop(
            stream: "metrics", subscriber: subscriber, sync: bus.requestClient(to: "metrics.sync", source: "test"),
            tickInterval: .seconds(3600), batchLimit: 4)
        let following = Task {
            try await loop.run(
                lastApplied: 0, apply: { appliedSink.yield($0.sequence ?? 0) }, caughtUp: { readySink.yield($0) })
        }
        let caughtUpAt = try await within {
            var iterator = ready.makeAsyncIterator()
            return await iterator.next()
        }
        #expect(caughtUpAt == 10)

        // 11…20 are written; only the odd ones reach the subscriber live; then a heartbeat announces 20.
        for sequence: UInt64 in 11...20 {
            let envelope = streamEnvelope(sequence)
            try log.append(envelope)
            if sequence % 2 == 1, sequence < 19 { try await publisher.publish(envelope) }
        }
        try await publisher.publish(owner.heartbeat(head: log.head), header: headers.header(for: Heartbeat.self))

        let sequences = try await within {
            var iterator = applied.makeAsyncIterator()
            var result: [UInt64] = []
            while result.count < 20, let next = await iterator.next() { result.append(next) }
            return result
        }
        #expect(sequences == Array(1...20))
        following.cancel()
        _ = try? await following.value
        await server.close()
        await serving.value
    }
}
