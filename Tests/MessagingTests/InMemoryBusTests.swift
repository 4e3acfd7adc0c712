import Foundation
import Messaging
import Synchronization
import Testing

struct EchoHandler: RequestHandler {
    func handle(_ request: Envelope) async -> any WireMessage {
        do {
            var sample = try request.decode(Sample.self)
            sample.value *= 2
            return sample
        } catch {
            return ErrorReply(error)
        }
    }
}

@Suite struct InMemoryBusTests {
    @Test func publishesToMatchingPrefixesOnly() async throws {
        let bus = InMemoryBus()
        let loans = bus.subscriber()
        try await loans.subscribe(Topic("sample.loan"))
        let all = bus.subscriber()
        try await all.subscribe(to: Sample.self)
        let publisher = bus.publisher()
        let headers = HeaderFactory(source: "tests")
        for name in ["loan.count", "talent", "loan.amount"] {
            try await publisher.publish(Sample(name: name, value: 1), header: headers.header(for: Sample.self))
        }
        try await publisher.publish(Other(flag: true), header: headers.header(for: Other.self))
        await loans.close()
        await all.close()
        var loanTopics: [Topic] = []
        for await envelope in loans.envelopes { loanTopics.append(envelope.topic) }
        var allTopics: [Topic] = []
        for await envelope in all.envelopes { allTopics.append(envelope.topic) }
        #expect(loanTopics == ["sample.loan.count", "sample.loan.amount"])
        #expect(allTopics == ["sample.loan.count", "sample.talent", "sample.loan.amount"])
    }

    @Test func requestReplyCarriesCorrelation() async throws {
        let bus = InMemoryBus()
        let server = bus.requestServer(at: "ingest.req", source: "ingest")
        let serving = Task { await server.serve(EchoHandler()) }
        let client = bus.requestClient(to: "ingest.req", source: "cli")
        let request = try Envelope(Sample(name: "a", value: 21), header: client.headers.header(for: Sample.self))
        let reply = try await client.request(request, timeout: .seconds(30))
        #expect(reply.header.correlation == request.header.id)
        #expect(reply.header.source == "ingest")
        #expect(try reply.decode(Sample.self).value == 42)
        let typed = try await client.request(Sample(name: "b", value: 5), expecting: Sample.self, timeout: .seconds(30))
        #expect(typed.value == 10)
        await server.close()
        await serving.value
    }

    @Test func errorRepliesSurfaceAsRejections() async throws {
        let bus = InMemoryBus()
        let server = bus.requestServer(at: "svc", source: "svc")
        let serving = Task { await server.serve(EchoHandler()) }
        let client = bus.requestClient(to: "svc", source: "cli")
        await #expect(throws: RequestError.rejected(ErrorReply(EnvelopeError.unexpectedType(
            expected: Sample.messageType, actual: Other.messageType))))
        {
            _ = try await client.request(Other(flag: false), expecting: Sample.self, timeout: .seconds(30))
        }
        await server.close()
        await serving.value
    }

    @Test func timesOutWhenNobodyAnswers() async throws {
        let bus = InMemoryBus()
        let server = bus.requestServer(at: "silent", source: "svc")
        let client = bus.requestClient(to: "silent", source: "cli")
        await #expect(throws: RequestError.timeout(type: Sample.messageType, after: .milliseconds(50))) {
            _ = try await client.request(Sample(name: "x", value: 1), timeout: .milliseconds(50))
        }
        await #expect(throws: RequestError.noServer(endpoint: "nowhere")) {
            _ = try await bus.requestClient(to: "nowhere", source: "cli").request(Sample(name: "x", value: 1))
        }
        await server.close()
    }
}

/// `RequestServer.serve` runs at most `maxConcurrent` handlers at once and answers every request.
@Suite struct RequestServerConcurrencyTests {
    /// Holds handlers until `batch` of them run at once (or the last requests have started), so they overlap
    /// without any sleeping, and records the largest number running at once.
    final class Gate: RequestHandler, Sendable {
        private struct State {
            var running = 0
            var peak = 0
            var started = 0
            var handled = 0
            var waiting: [CheckedContinuation<Void, Never>] = []
        }
        private let state = Mutex(State())
        let batch: Int
        let total: Int

        init(batch: Int, total: Int) {
            self.batch = batch
            self.total = total
        }

        func handle(_ request: Envelope) async -> any WireMessage {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let release = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                    state.running += 1
                    state.started += 1
                    state.peak = max(state.peak, state.running)
                    state.waiting.append(continuation)
                    guard state.waiting.count >= batch || state.started == total else { return [] }
                    defer { state.waiting = [] }
                    return state.waiting
                }
                for waiter in release { waiter.resume() }
            }
            state.withLock { state in
                state.running -= 1
                state.handled += 1
            }
            return Sample(name: "ok", value: 1)
        }

        var peak: Int { state.withLock { $0.peak } }
        var handled: Int { state.withLock { $0.handled } }
    }

    @Test func atMostMaxConcurrentHandlersRunAndEveryRequestIsAnswered() async throws {
        let bus = InMemoryBus()
        let server = bus.requestServer(at: "svc", source: "svc")
        let gate = Gate(batch: 3, total: 40)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await server.serve(gate, maxConcurrent: 3) }
            let client = bus.requestClient(to: "svc", source: "cli")
            try await withThrowingTaskGroup(of: Int.self) { requests in
                for index in 0..<40 {
                    requests.addTask {
                        try await client.request(Sample(name: "r\(index)", value: index), expecting: Sample.self,
                                                 timeout: .seconds(30)).value
                    }
                }
                var answered = 0
                for try await _ in requests { answered += 1 }
                #expect(answered == 40)
            }
            #expect(gate.handled == 40)
            #expect(gate.peak == 3, "three ran at once, never more")
            await server.close()
            try await tasks.waitForAll()
        }
    }
}
