import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import ServiceKit

@Suite struct ParentWatchServiceTests {
    /// How a companion service's run ended.
    enum Ending: Equatable, Sendable { case gracefulShutdown, cancelled }

    /// A service that waits for the group's graceful shutdown and reports whether it got one or was cancelled.
    static func companion(_ endings: AsyncStream<Ending>.Continuation) -> ClosureService {
        ClosureService {
            do {
                try await gracefulShutdown()
                endings.yield(.gracefulShutdown)
            } catch {
                endings.yield(.cancelled)
            }
            endings.finish()
        }
    }

    /// Runs `group` until it ends by itself; `false` if it is still running after `timeout` (then shuts it down).
    static func runsToCompletion(_ group: ServiceGroup, timeout: Duration) async throws -> Bool {
        try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                try await group.run()
                return true
            }
            tasks.addTask {
                // Deadline of the race, not a wait for something to happen (cancelled once the group ends).
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = try await tasks.next() ?? false
            if !first { await group.triggerGracefulShutdown() }
            tasks.cancelAll()
            while try await tasks.next() != nil {}
            return first
        }
    }

    @Test func supervisorGoneLogsOneWarningAndShutsTheGroupDownGracefully() async throws {
        let sink = CollectingSink()
        let logger = LoggingBootstrap.makeLogger(label: "test", service: "ingest", level: .info, sink: sink)
        let checks = Mutex(0)
        // Alive for the first three checks, gone from then on.
        let watch = ParentWatchService(supervisorPID: 4242, interval: .milliseconds(5), logger: logger) {
            checks.withLock { count in
                count += 1
                return count <= 3
            }
        }
        let (endings, endingsContinuation) = AsyncStream<Ending>.makeStream()
        let group = ServiceRunner.makeGroup(services: [Self.companion(endingsContinuation), watch], logger: logger, deadlines: .sharedProcess)
        #expect(try await Self.runsToCompletion(group, timeout: .seconds(30)))
        var iterator = endings.makeAsyncIterator()
        #expect(await iterator.next() == .gracefulShutdown)
        #expect(checks.withLock { $0 } == 4)
        let warnings = sink.lines.filter { $0.contains("supervisor is gone") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("supervisor_pid=4242") == true)
    }

    @Test func aLiveSupervisorKeepsTheGroupRunningUntilItIsShutDown() async throws {
        let sink = CollectingSink()
        let logger = LoggingBootstrap.makeLogger(label: "test", service: "ingest", level: .info, sink: sink)
        let checks = Mutex(0)
        let (checked, checkedContinuation) = AsyncStream<Int>.makeStream()
        let watch = ParentWatchService(supervisorPID: 4242, interval: .milliseconds(5), logger: logger) {
            let count = checks.withLock { count in
                count += 1
                return count
            }
            checkedContinuation.yield(count)
            return true
        }
        let (endings, endingsContinuation) = AsyncStream<Ending>.makeStream()
        let group = ServiceRunner.makeGroup(services: [Self.companion(endingsContinuation), watch], logger: logger, deadlines: .sharedProcess)
        async let run: Void = group.run()
        // Several checks pass without the group ending.
        for await count in checked where count >= 5 { break }
        await group.triggerGracefulShutdown()
        try await run
        var iterator = endings.makeAsyncIterator()
        #expect(await iterator.next() == .gracefulShutdown)
        #expect(!sink.lines.contains { $0.contains("supervisor is gone") })
    }

    @Test func supervisorPIDIsResolvedOnceFromTheEnvironment() throws {
        let options = try CommonOptions.parse([])
        let supervised = try ServiceEnvironment.resolve(
            service: "ingest", options: options,
            resolver: ConfigResolver(environment: ["HOME": "/home/a", "KECHUANG_SUPERVISOR_PID": "31337"]))
        #expect(supervised.supervisorPID.value == 31337)
        #expect(supervised.supervisorPID.source == .environment("KECHUANG_SUPERVISOR_PID"))
        let logger = Logger(label: "test")
        #expect(ParentWatchService.forEnvironment(supervised, logger: logger)?.supervisorPID == 31337)

        let alone = try ServiceEnvironment.resolve(
            service: "ingest", options: options, resolver: ConfigResolver(environment: ["HOME": "/home/a"]))
        #expect(alone.supervisorPID.value == 0)
        #expect(alone.supervisorPID.source == .defaultValue)
        #expect(ParentWatchService.forEnvironment(alone, logger: logger) == nil)

        #expect(throws: ConfigurationError.self) {
            try ServiceEnvironment.resolve(
                service: "ingest", options: options,
                resolver: ConfigResolver(environment: ["HOME": "/home/a", "KECHUANG_SUPERVISOR_PID": "-3"]))
        }
    }

    @Test func theSystemCheckSeesThisProcessesParentAndAMissingProcess() {
        #expect(ParentWatchService.systemLivenessCheck(supervisorPID: getppid())())
        #expect(ParentWatchService.systemLivenessCheck(supervisorPID: getpid())())
        // Above the kernel's pid_max (at most 4194304): no such process.
        #expect(!ParentWatchService.systemLivenessCheck(supervisorPID: 5_000_000)())
    }
}
