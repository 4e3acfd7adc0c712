import KechuangTestSupport
import Foundation
import Logging
import Messaging
import ServiceLifecycle
import Synchronization
import Testing
import ZeroMQ
import ServiceKit
@testable import Streams

/// StreamFollowerService against a real StreamOwnerService over ZeroMQ `ipc://` sockets (ZMQStreamTransport).
@Suite(.serialized) struct StreamFollowerServiceTests {
    private struct Entry: WireMessage {
        static let messageType: MessageType = "test.entry"
        var number: UInt64
        var topic: Topic { Topic("test").child("entry") }
    }

    /// An in-memory stream log.
    private final class MemoryLog: StreamLogReader {
        private let stored = Mutex<[StoredEnvelope]>([])
        private let headers = HeaderFactory(source: "owner")

        func append(count: Int) throws {
            try stored.withLock { entries in
                for _ in 0..<count {
                    let sequence = UInt64(entries.count + 1)
                    let envelope = try Envelope(Entry(number: sequence), header: headers.header(for: Entry.self, sequence: sequence))
                    entries.append(try StoredEnvelope(envelope))
                }
            }
        }

        func entries(after sequence: UInt64, limit: Int) async throws -> [StoredEnvelope] {
            stored.withLock { entries in Array(entries.filter { $0.sequence > sequence }.prefix(limit)) }
        }

        var head: UInt64 {
            get async throws { stored.withLock { UInt64($0.count) } }
        }
    }

    /// Records applied sequences; lets a test wait until a given last sequence was applied.
    private final class Applied: Sendable {
        private let state = Mutex<(sequences: [UInt64], waiters: [(UInt64, AsyncSignal)], failuresLeft: Int)>(([], [], 0))

        init(failFirst: Int = 0) {
            state.withLock { $0.failuresLeft = failFirst }
        }

        struct Injected: Error {}

        private let calls = Mutex<(count: Int, waiters: [(Int, AsyncSignal)])>((0, []))

        /// Waits until `apply` has been called `count` times.
        func waitForCalls(_ count: Int, timeout: Duration) async -> Bool {
            let signal = AsyncSignal()
            calls.withLock { calls in
                if calls.count >= count { signal.fire() } else { calls.waiters.append((count, signal)) }
            }
            return await signal.wait(timeout: timeout)
        }

        /// Lets every further apply succeed.
        func stopFailing() { state.withLock { $0.failuresLeft = 0 } }

        func apply(_ envelopes: [Envelope]) throws {
            let reached = calls.withLock { calls -> [AsyncSignal] in
                calls.count += 1
                let ready = calls.waiters.filter { $0.0 <= calls.count }.map(\.1)
                calls.waiters.removeAll { $0.0 <= calls.count }
                return ready
            }
            for signal in reached { signal.fire() }
            let fired = try state.withLock { state -> [AsyncSignal] in
                if state.failuresLeft > 0 {
                    state.failuresLeft -= 1
                    throw Injected()
                }
                state.sequences += envelopes.compactMap(\.sequence)
                let last = state.sequences.last ?? 0
                let ready = state.waiters.filter { $0.0 <= last }.map(\.1)
                state.waiters.removeAll { $0.0 <= last }
                return ready
            }
            for signal in fired { signal.fire() }
        }

        var sequences: [UInt64] { state.withLock { $0.sequences } }

        func wait(through sequence: UInt64, timeout: Duration) async -> Bool {
            let signal = AsyncSignal()
            state.withLock { state in
                if (state.sequences.last ?? 0) >= sequence { signal.fire() } else { state.waiters.append((sequence, signal)) }
            }
            return await signal.wait(timeout: timeout)
        }
    }

    /// A stream owner on fresh ipc endpoints.
    private struct Owner {
        let directory: String
        let log = MemoryLog()
        let head = CommittedHead()
        var publish: String { "ipc://\(directory)/test.pub" }
        var sync: String { "ipc://\(directory)/test.sync" }

        init() throws {
            var template = Array("/tmp/kc-sf-XXXXXX".utf8CString)
            let created = template.withUnsafeMutableBufferPointer { buffer -> String? in
                guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
                return String(cString: base)
            }
            directory = try #require(created)
        }

        func start(on transport: any StreamTransport, logger: Logger) async throws -> StreamOwnerService {
            let publisher = try await transport.publisher(bindingTo: publish)
            let server = try await transport.requestServer(bindingTo: sync, source: "owner", limits: .queries)
            return StreamOwnerService(
                owner: StreamOwner(stream: "test", maxBatchEntries: 500), reader: log, head: head,
                publishedThrough: try await log.head, publisher: publisher.value, syncServer: server.value,
                headers: HeaderFactory(source: "owner"), heartbeatInterval: .milliseconds(50), logger: logger)
        }
    }

    private static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    private static func follower(
        _ owner: Owner, transport: any StreamTransport, lastApplied: UInt64 = 0, applied: Applied
    ) -> StreamFollowerService {
        StreamFollowerService(
            configuration: StreamFollowerConfiguration(
                stream: "test", publishEndpoint: owner.publish, syncEndpoint: owner.sync,
                prefixes: [Topic("test.entry")], source: "follower", batchLimit: 300,
                requestTimeout: .milliseconds(300), retryInitial: .milliseconds(20), retryMaximum: .milliseconds(200),
                tickInterval: .milliseconds(100)),
            transport: transport, lastApplied: lastApplied, logger: logger
        ) { envelopes in try applied.apply(envelopes) }
    }

    @Test func catchesUpOnABacklogThenFollowsLiveExactlyOnceInOrder() async throws {
        let owner = try Owner()
        defer { try? FileManager.default.removeItem(atPath: owner.directory) }
        try owner.log.append(count: 1234)
        let transport = try ZMQStreamTransport(name: "test.follower", logger: Self.logger)
        let ownerService = try await owner.start(on: transport, logger: Self.logger)
        let applied = Applied()
        let follower = Self.follower(owner, transport: transport, applied: applied)
        let group = ServiceRunner.makeGroup(services: [ownerService, follower], logger: Self.logger, deadlines: .sharedProcess)
        async let running: Void = group.run()

        #expect(await follower.waitUntilCaughtUp(timeout: .seconds(20)))
        #expect(follower.hasCaughtUp)
        #expect(applied.sequences == Array(1...1234))
        try owner.log.append(count: 66)
        owner.head.advance(to: 1300)
        #expect(await applied.wait(through: 1300, timeout: .seconds(20)))
        #expect(applied.sequences == Array(1...1300))
        #expect(follower.progress.lastApplied == 1300)

        await group.triggerGracefulShutdown()
        try await running
        await transport.shutdown()
    }

    @Test func publishingRoundsKeepSequenceOrderOnTheWire() async throws {
        let owner = try Owner()
        defer { try? FileManager.default.removeItem(atPath: owner.directory) }
        let transport = try ZMQStreamTransport(name: "test.owner", logger: Self.logger)
        let ownerService = try await owner.start(on: transport, logger: Self.logger)
        let group = ServiceRunner.makeGroup(services: [ownerService], logger: Self.logger, deadlines: .sharedProcess)
        async let running: Void = group.run()
        let subscriber = try await transport.subscriber(
            connectingTo: owner.publish, prefixes: [Topic("test")], receiveHighWaterMark: 100_000)
        let total: UInt64 = 1500  // three publishing rounds of at most 512, queued without awaiting each entry
        let received = try await withDeadline(.seconds(20)) {
            var sequences: [UInt64] = []
            var subscribed = false
            for await envelope in subscriber.envelopes {
                if envelope.carries(Heartbeat.self) {
                    // The subscription has reached the owner: now commit the entries.
                    if !subscribed {
                        subscribed = true
                        try? owner.log.append(count: Int(total))
                        owner.head.advance(to: total)
                    }
                    continue
                }
                sequences.append(envelope.sequence ?? 0)
                if sequences.count == Int(total) { break }
            }
            return sequences
        }
        #expect(received == Array(1...total))
        await subscriber.close()
        await group.triggerGracefulShutdown()
        try await running
        await transport.shutdown()
    }

    @Test func resumesAfterTheStoredSequence() async throws {
        let owner = try Owner()
        defer { try? FileManager.default.removeItem(atPath: owner.directory) }
        try owner.log.append(count: 50)
        let transport = try ZMQStreamTransport(name: "test.follower", logger: Self.logger)
        let ownerService = try await owner.start(on: transport, logger: Self.logger)
        let applied = Applied()
        let follower = Self.follower(owner, transport: transport, lastApplied: 40, applied: applied)
        let group = ServiceRunner.makeGroup(services: [ownerService, follower], logger: Self.logger, deadlines: .sharedProcess)
        async let running: Void = group.run()
        #expect(await follower.waitUntilCaughtUp(timeout: .seconds(20)))
        #expect(applied.sequences == Array(41...50))
        await group.triggerGracefulShutdown()
        try await running
        await transport.shutdown()
    }

    @Test func waitsForAnOwnerThatStartsLaterAndRetriesAFailedApply() async throws {
        let owner = try Owner()
        defer { try? FileManager.default.removeItem(atPath: owner.directory) }
        try owner.log.append(count: 20)
        let followerTransport = RequestFailureTransport(
            inner: try ZMQStreamTransport(name: "test.follower", logger: Self.logger))
        let applied = Applied(failFirst: 1)
        let follower = Self.follower(owner, transport: followerTransport, applied: applied)
        let followerGroup = ServiceRunner.makeGroup(services: [follower], logger: Self.logger, deadlines: .sharedProcess)
        async let following: Void = followerGroup.run()

        // No owner yet: requests time out and are retried; the follower cannot be caught up. The first timed-out
        // request is awaited as an event, not assumed to fall within a fixed window (a starved pool can start the
        // follower late).
        #expect(await follower.waitUntilCaughtUp(timeout: .milliseconds(700)) == false)
        #expect(await followerTransport.failed.wait(timeout: .seconds(20)))

        let ownerTransport = try ZMQStreamTransport(name: "test.owner", logger: Self.logger)
        let ownerService = try await owner.start(on: ownerTransport, logger: Self.logger)
        let ownerGroup = ServiceRunner.makeGroup(services: [ownerService], logger: Self.logger, deadlines: .sharedProcess)
        async let owning: Void = ownerGroup.run()
        #expect(await applied.wait(through: 20, timeout: .seconds(20)))
        #expect(await follower.waitUntilCaughtUp(timeout: .seconds(20)))
        // The first apply threw: the batch was replayed, and every entry applied exactly once.
        #expect(applied.sequences == Array(1...20))
        // Both failures counted: the timed-out request and the apply that threw.
        #expect(follower.progress.failures >= 2)

        await followerGroup.triggerGracefulShutdown()
        try await following
        await ownerGroup.triggerGracefulShutdown()
        try await owning
        await followerTransport.shutdown()
        await ownerTransport.shutdown()
    }

    /// A follower whose apply keeps failing (disk full, read-only database) says so in its progress — which status
    /// replies carry as `FollowerHealth.applyFailures` / `lastError` — and clears it once an apply commits.
    @Test func aFailingApplyShowsInProgressUntilOneCommits() async throws {
        let owner = try Owner()
        defer { try? FileManager.default.removeItem(atPath: owner.directory) }
        try owner.log.append(count: 20)
        let transport = try ZMQStreamTransport(name: "test.follower", logger: Self.logger)
        let ownerService = try await owner.start(on: transport, logger: Self.logger)
        let applied = Applied(failFirst: 1_000_000)
        let follower = Self.follower(owner, transport: transport, applied: applied)
        let group = ServiceRunner.makeGroup(services: [ownerService, follower], logger: Self.logger, deadlines: .sharedProcess)
        async let running: Void = group.run()

        // The third call starts only after the second failure was recorded.
        #expect(await applied.waitForCalls(3, timeout: .seconds(20)))
        let failing = follower.progress
        #expect(failing.consecutiveApplyFailures >= 2)
        #expect(failing.lastError?.contains("apply failed") == true)
        #expect(failing.lastApplied == 0)
        #expect(failing.knownHead == 20)

        applied.stopFailing()
        #expect(await follower.waitUntilCaughtUp(timeout: .seconds(20)))
        let healthy = follower.progress
        #expect(healthy.consecutiveApplyFailures == 0)
        #expect(healthy.lastError == nil)
        #expect(healthy.lastApplied == 20)

        await group.triggerGracefulShutdown()
        try await running
        await transport.shutdown()
    }
}
