import Foundation
import Synchronization
import Testing
@testable import ZeroMQ

@Suite("SocketLoop")
struct SocketLoopTests {
    @Test("PUSH/PULL through the loop, in order, with receive backpressure (tiny inbox)")
    func pushPull() async throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let loop = try SocketLoop(name: "test.pushpull")
        let endpoint = directory.endpoint("loop")
        let pull = try await loop.open(.pull, incomingCapacity: 4) { try $0.bind(endpoint) }
        let push = try await loop.open(.push) { try $0.connect(endpoint) }
        let total = 200
        let progress = ExchangeProgress()
        let received: [Int]
        do {
            received = try await withTimeout("200 messages") {
                Task {
                    for index in 0..<total {
                        try await push.send([Frame(string: "m"), Frame(string: "\(index)")])
                        progress.count { $0.sent += 1 }
                    }
                }
                var seen: [Int] = []
                for await message in pull.incoming {
                    seen.append(Int(message.last?.text ?? "") ?? -1)
                    progress.count { $0.received += 1 }
                    if seen.count == total { break }
                }
                return seen
            }
        } catch {
            // Say where it stopped, so a stall can be told from a slow machine.
            Issue.record("\(error): \(progress.description)")
            await loop.shutdown()
            return
        }
        #expect(received == Array(0..<total))
        await loop.shutdown()
        #expect(loop.isShutDown)
    }

    @Test("DEALER/ROUTER through the loop; router-mandatory errors are thrown back to the sender")
    func dealerRouter() async throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let loop = try SocketLoop(name: "test.router")
        let endpoint = directory.endpoint("router")
        let router = try await loop.open(.router, options: [.routerMandatory(true)]) { try $0.bind(endpoint) }
        let dealer = try await loop.open(.dealer, options: [.routingID(Array("d1".utf8))]) { try $0.connect(endpoint) }
        try await dealer.send([Frame(string: "query")])
        let request = try await withTimeout("router request") {
            var iterator = router.incoming.makeAsyncIterator()
            return await iterator.next()
        }
        #expect(texts(request) == ["d1", "query"])
        try await router.send([Frame(string: "d1"), Frame(string: "answer")])
        let reply = try await withTimeout("dealer reply") {
            var iterator = dealer.incoming.makeAsyncIterator()
            return await iterator.next()
        }
        #expect(texts(reply) == ["answer"])
        await #expect {
            try await router.send([Frame(string: "ghost"), Frame(string: "x")])
        } throws: { error in
            (error as? ZMQError)?.isHostUnreachable == true
        }
        await loop.shutdown()
    }

    @Test("SUB through the loop: subscribe after open, XPUB sees it, prefix filtering applies")
    func pubSub() async throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let loop = try SocketLoop(name: "test.pubsub")
        let endpoint = directory.endpoint("xpub")
        let xpub = try await loop.open(.xpub) { try $0.bind(endpoint) }
        let sub = try await loop.open(.sub) { try $0.connect(endpoint) }
        try await sub.subscribe(Array("score.".utf8))
        let notice = try await withTimeout("subscription notice") {
            var iterator = xpub.incoming.makeAsyncIterator()
            return await iterator.next()
        }
        #expect(notice?.first?.bytes == [0x01] + Array("score.".utf8))
        for topic in ["metrics.a", "score.b", "ingest.c", "score.d"] { try await xpub.send([Frame(string: topic)]) }
        let got = try await withTimeout("two score messages") {
            var names: [String] = []
            for await message in sub.incoming {
                names.append(message.first?.text ?? "")
                if names.count == 2 { break }
            }
            return names
        }
        #expect(got == ["score.b", "score.d"])
        await loop.shutdown()
    }

    @Test("open reports setUp errors (double bind) and the loop keeps working")
    func openErrors() async throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let loop = try SocketLoop(name: "test.errors")
        let endpoint = directory.endpoint("dup")
        _ = try await loop.open(.pull) { try $0.bind(endpoint) }
        await #expect(throws: EndpointError.self) {
            _ = try await loop.open(.pull) { try $0.bind(endpoint) }
        }
        let pull = try await loop.open(.pull) { try $0.bind(directory.endpoint("other")) }
        await pull.close()
        await #expect(throws: SocketLoopError.socketClosed(id: pull.id)) {
            try await pull.send([Frame(string: "late")])
        }
        await loop.shutdown()
    }

    @Test("shutdown with pending, undeliverable messages completes within bounded time")
    func shutdownWithPending() async throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let loop = try SocketLoop(name: "test.shutdown")
        // Connected to an endpoint nobody binds: sends can never complete.
        let push = try await loop.open(.push, options: [.linger(nil), .immediate(true)]) { try $0.connect(directory.endpoint("void")) }
        let pending = Task { try await push.send([Frame(string: "never delivered")]) }
        // A second socket with queued outbound data in libzmq itself.
        let pub = try await loop.open(.pub) { try $0.bind(directory.endpoint("pub")) }
        for _ in 0..<100 { try pub.trySend([Frame(string: "queued")]) }
        let start = ContinuousClock.now
        try await withTimeout("shutdown", .seconds(5)) { await loop.shutdown(linger: .milliseconds(50)) }
        #expect(ContinuousClock.now - start < .seconds(5))
        let outcome = await pending.result
        #expect(throws: (any Error).self) { try outcome.get() }
        await #expect(throws: SocketLoopError.shutDown) {
            _ = try await loop.open(.pull) { _ in }
        }
        // Shutting down again is immediate.
        await loop.shutdown()
    }

    @Test("trySend is bounded per socket: beyond the limit it refuses, and slots come back once messages leave")
    func trySendIsBounded() async throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let loop = try SocketLoop(name: "test.bound")
        // Bound, no peer: libzmq takes nothing, so every trySend waits in the loop's queue.
        let stuck = try await loop.open(.push, options: [.linger(.zero)], sendQueueLimit: 8) {
            try $0.bind(directory.endpoint("stuck"))
        }
        #expect(stuck.sendQueueLimit == 8)
        for index in 0..<8 { try stuck.trySend([Frame(string: "m\(index)")]) }
        #expect(throws: SocketLoopError.sendQueueFull(id: stuck.id, limit: 8)) {
            try stuck.trySend([Frame(string: "one too many")])
        }
        #expect(stuck.unsentCount == 8)
        // Closing drops the queued messages and gives their slots back.
        await stuck.close()
        #expect(stuck.unsentCount == 0)

        // With a peer, slots come back as messages leave: an awaited send returns after everything before it.
        let pull = try await loop.open(.pull) { try $0.bind(directory.endpoint("flow")) }
        let push = try await loop.open(.push, sendQueueLimit: 4) { try $0.connect(directory.endpoint("flow")) }
        for round in 0..<3 {
            for index in 0..<4 { try push.trySend([Frame(string: "\(round * 5 + index)")]) }
            try await push.send([Frame(string: "\(round * 5 + 4)")])
            #expect(push.unsentCount == 0)
        }
        let received = try await withTimeout("15 messages") {
            var seen: [Int] = []
            for await message in pull.incoming {
                seen.append(Int(message.first?.text ?? "") ?? -1)
                if seen.count == 15 { break }
            }
            return seen
        }
        #expect(received == Array(0..<15))
        await loop.shutdown()
    }

    @Test("a handler socket gets every message on the loop thread, in order; incoming is empty; close releases it")
    func handlerSocket() async throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let loop = try SocketLoop(name: "test.handler")
        let (messages, sink) = AsyncStream.makeStream(of: String.self)
        final class Probe: Sendable {}
        var probe: Probe? = Probe()
        weak let released = probe
        let pull = try await loop.open(.pull, onMessage: { [probe] frames in
            _ = probe
            sink.yield(frames.first?.text ?? "")
        }) { try $0.bind(directory.endpoint("handled")) }
        probe = nil
        let push = try await loop.open(.push) { try $0.connect(directory.endpoint("handled")) }
        for index in 0..<50 { try await push.send([Frame(string: "\(index)")]) }
        let received = try await withTimeout("50 handled messages") {
            var seen: [String] = []
            for await message in messages {
                seen.append(message)
                if seen.count == 50 { break }
            }
            return seen
        }
        #expect(received == (0..<50).map(String.init))
        let incomingEnded = try await withTimeout("incoming to be finished") {
            for await _ in pull.incoming { return false }
            return true
        }
        #expect(incomingEnded)
        #expect(released != nil)
        await pull.close()
        #expect(released == nil)
        await loop.shutdown()
    }

    @Test("terminating a shared context (ETERM) ends the loop and finishes incoming streams")
    func contextTermination() async throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let context = try Context()
        let loop = try SocketLoop(name: "test.eterm", context: context)
        let pull = try await loop.open(.pull) { try $0.bind(directory.endpoint("eterm")) }
        context.shutdown()
        let ended = try await withTimeout("incoming to finish") {
            for await _ in pull.incoming {}
            return true
        }
        #expect(ended)
        try await withTimeout("loop exit") { await loop.shutdown() }
        #expect(loop.isShutDown)
    }
}

/// How far a PUSH/PULL exchange got, for the failure message of a timed-out test.
private final class ExchangeProgress: Sendable, CustomStringConvertible {
    private let counts = Mutex((sent: 0, received: 0))
    func count(_ change: (inout (sent: Int, received: Int)) -> Void) { counts.withLock { change(&$0) } }
    var description: String { counts.withLock { "\($0.sent) sent, \($0.received) received" } }
}
