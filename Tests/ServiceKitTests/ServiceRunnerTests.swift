import Logging
import ServiceLifecycle
import Testing
@testable import ServiceKit

@Suite struct ServiceRunnerTests {
    @Test func gracefulShutdownEndsAClosureServiceLoop() async throws {
        let sink = CollectingSink()
        let logger = LoggingBootstrap.makeLogger(label: "test", service: "test", level: .error, sink: sink)
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let (stopped, stoppedContinuation) = AsyncStream<Bool>.makeStream()
        let loop = ClosureService(name: "loop") {
            startedContinuation.yield()
            // Runs until the graceful shutdown cancels it: iterates a stream nobody yields to, which ends only
            // when this task is cancelled.
            let (untilCancelled, keepOpen) = AsyncStream<Void>.makeStream()
            for await _ in untilCancelled {}
            keepOpen.finish()
            stoppedContinuation.yield(Task.isCancelled)
            stoppedContinuation.finish()
        }
        let group = ServiceRunner.makeGroup(services: [loop], logger: logger)
        #expect(ServiceRunner.gracefulShutdownSignals == [.sigterm, .sigint])
        async let run: Void = group.run()
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()
        await group.triggerGracefulShutdown()
        try await run
        var stoppedIterator = stopped.makeAsyncIterator()
        #expect(await stoppedIterator.next() == true)
    }
}
