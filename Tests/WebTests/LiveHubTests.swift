import Foundation
import KechuangTestSupport
import Testing
@testable import WebService

@Suite struct LiveHubTests {
    @Test func aSlowClientIsDroppedWithoutHoldingUpPublishOrTheOthers() async throws {
        let hub = LiveHub(maxClients: 4, bufferLimit: 4, logger: WebFixtures.logger)
        let fast = try #require(hub.connect())
        let slow = try #require(hub.connect())
        let received = Task { () -> Int in
            var count = 0
            for await _ in fast.chunks {
                count += 1
                if count == 100 { break }
            }
            return count
        }
        // `publish` is synchronous (it cannot suspend on a reader); what matters is that it returns with the slow
        // client dropped instead of its queue growing.
        for index in 0..<100 {
            hub.publish([LiveEvent(name: "metric", data: "{\"n\":\(index)}")])
            if index % 3 == 0 { await Task.yield() }
        }
        #expect(hub.droppedCount >= 1)
        // The slow client's stream ends after what it had queued (at most the buffer).
        var slowCount = 0
        for await _ in slow.chunks { slowCount += 1 }
        #expect(slowCount <= 4)
        _ = fast
        // The fast client may also have been dropped if it fell behind on a loaded machine; it never blocks.
        let fastCount = try await withDeadline(.seconds(5), orThrow: CancellationError()) { await received.value }
        #expect(fastCount >= 4)
    }

    @Test func clientsPastTheLimitAreRefusedAndFreedSlotsReused() async throws {
        let hub = LiveHub(maxClients: 1, bufferLimit: 4, logger: WebFixtures.logger)
        var first = hub.connect()
        #expect(first != nil)
        #expect(hub.connect() == nil)
        let counts = hub.clientCounts()
        // Dropping the stream terminates it and frees the slot.
        first = nil
        try await withDeadline(.seconds(5), orThrow: CancellationError()) {
            for await count in counts where count == 0 { return }
        }
        #expect(hub.connect() != nil)
        _ = first
    }

    @Test func clientCountsFollowConnectsDropsAndClose() async throws {
        let hub = LiveHub(maxClients: 3, bufferLimit: 1, logger: WebFixtures.logger)
        let counts = hub.clientCounts()
        var iterator = counts.makeAsyncIterator()
        #expect(await iterator.next() == 0)
        let second: LiveSubscription?
        do {
            let first = hub.connect()
            #expect(await iterator.next() == 1)
            second = hub.connect()
            #expect(await iterator.next() == 2)
            // `first` ends here; dropping its stream frees its slot.
            withExtendedLifetime(first) {}
        }
        #expect(await iterator.next() == 1)
        // A client that cannot keep up is dropped: its slot frees too (`second` is kept alive until the end).
        hub.publish([LiveEvent(name: "a", data: "1")])
        hub.publish([LiveEvent(name: "b", data: "2")])
        #expect(await iterator.next() == 0)
        hub.close()
        #expect(await iterator.next() == 0)
        #expect(await iterator.next() == nil, "closing the hub ends the count stream")
        withExtendedLifetime(second) {}
    }

    @Test func closeEndsEveryStreamAndRefusesNewClients() async throws {
        let hub = LiveHub(maxClients: 4, bufferLimit: 4, logger: WebFixtures.logger)
        let client = try #require(hub.connect())
        hub.close()
        var count = 0
        for await _ in client.chunks { count += 1 }
        #expect(count == 0)
        #expect(hub.connect() == nil)
    }
}
