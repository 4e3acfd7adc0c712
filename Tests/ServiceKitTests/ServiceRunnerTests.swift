import KechuangTestSupport
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import ServiceKit

@Suite struct ServiceRunnerTests {
    private static func logger() -> Logger {
        LoggingBootstrap.makeLogger(label: "test", service: "test", level: .error, sink: CollectingSink())
    }

    @Test func gracefulShutdownEndsAPeriodicService() async throws {
        let (rounds, roundsContinuation) = AsyncStream<Void>.makeStream()
        let periodic = PeriodicService(name: "job", every: .seconds(3600)) { roundsContinuation.yield() }
        let group = ServiceRunner.makeGroup(services: [periodic], logger: Self.logger(), deadlines: .sharedProcess)
        #expect(ServiceRunner.gracefulShutdownSignals == [.sigterm, .sigint])
        async let run: Void = group.run()
        var iterator = rounds.makeAsyncIterator()
        _ = await iterator.next()  // the first round runs at once
        await group.triggerGracefulShutdown()
        try await run  // returns although the next round is an hour away
    }

    /// The readiness service is one-shot: announcing ends it, and the group keeps running (`.ignore`) until shut down.
    @Test func readinessAnnouncesOnceTheConditionHoldsAndItsEndIsIgnored() async throws {
        let (lines, linesContinuation) = AsyncStream<String>.makeStream()
        let sink = StreamingSink(continuation: linesContinuation)
        let (gate, open) = AsyncStream<Void>.makeStream()
        let readiness = ReadinessService(
            line: ReadinessLine(service: "test", pid: 7, endpoints: ["test.req": "ipc:///tmp/t.req"]),
            announcer: ReadinessAnnouncer(sink: sink), logger: Self.logger()
        ) {
            for await _ in gate { return true }
            return false
        }
        let (ended, endedContinuation) = AsyncStream<Bool>.makeStream()
        let companion = ClosureService {
            do {
                try await gracefulShutdown()
                endedContinuation.yield(true)
            } catch {
                endedContinuation.yield(false)
            }
        }
        let group = ServiceRunner.makeGroup(services: [companion, readiness], logger: Self.logger(), deadlines: .sharedProcess)
        async let run: Void = group.run()
        open.yield()
        let announced = try await withDeadline(.seconds(10), orThrow: TimedOutWaiting()) {
            var iterator = lines.makeAsyncIterator()
            return await iterator.next()
        }
        #expect(ReadinessLine.parse(announced ?? "")?.endpoints == ["test.req": "ipc:///tmp/t.req"])
        await group.triggerGracefulShutdown()
        try await run
        var endings = ended.makeAsyncIterator()
        #expect(await endings.next() == true)  // the companion got a graceful shutdown, not a cancellation
    }

    /// A service with a large stored state is logged by its type name, not by a reflection of that state.
    @Test func membersAreLoggedByTheirTypeName() async throws {
        struct Bulky: Service {
            let table = [String](repeating: "指标目录 indicator catalog", count: 2_000)
            func run() async throws { try await gracefulShutdown() }
        }
        let sink = CollectingSink()
        let logger = LoggingBootstrap.makeLogger(label: "test", service: "test", level: .debug, sink: sink)
        let group = ServiceRunner.makeGroup(services: [Bulky()], logger: logger, deadlines: .sharedProcess)
        async let run: Void = group.run()
        try await withDeadline(.seconds(10), orThrow: TimedOutWaiting()) {
            while !sink.lines.contains(where: { $0.contains("Starting service") && $0.contains("sl-service") }) {
                await Task.yield()
            }
        }
        await group.triggerGracefulShutdown()
        try await run
        let starting = sink.lines.filter { $0.contains("sl-service") }
        #expect(!starting.isEmpty)
        #expect(starting.allSatisfy { $0.contains("Bulky") && $0.utf8.count < 600 }, "\(starting)")
        #expect(NamedService(Bulky()).description == "Bulky")
    }

    @Test func membersGetTheEndingTheirTypeImplies() {
        let readiness = ReadinessService(line: ReadinessLine(service: "t", endpoints: [:]), logger: Self.logger())
        #expect(ServiceRunner.member(for: readiness).ending == .isIgnored)
        #expect(ServiceRunner.member(for: PeriodicService(name: "p", every: .seconds(1)) {}).ending == .cancelsGroup)
    }
}

private struct TimedOutWaiting: Error {}

/// Hands every written line to a stream, so a test can wait for it.
private struct StreamingSink: LogLineSink {
    let continuation: AsyncStream<String>.Continuation
    func write(line: String) { continuation.yield(line) }
}
