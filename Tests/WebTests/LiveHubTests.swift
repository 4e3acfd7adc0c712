import Foundation
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
        let fastCount = try await withDeadline(.seconds(5)) { await received.value }
        #expect(fastCount >= 4)
    }

    @Test func clientsPastTheLimitAreRefusedAndFreedSlotsReused() async throws {
        let hub = LiveHub(maxClients: 1, bufferLimit: 4, logger: WebFixtures.logger)
        var first = hub.connect()
        #expect(first != nil)
        #expect(hub.connect() == nil)
        first = nil
        // Dropping the stream terminates it and frees the slot.
        try await withDeadline(.seconds(5)) {
            while hub.clientCount > 0 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(hub.connect() != nil)
        _ = first
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
