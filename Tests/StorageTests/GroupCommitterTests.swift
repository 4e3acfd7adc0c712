import KechuangTestSupport
import Foundation
import GRDB
import Synchronization
import Testing
@testable import Storage

/// Counts committed transactions that touched `stream_log`, independently of the committer's own statistics.
private final class CommitCounter: TransactionObserver, Sendable {
    private let commits = Mutex(0)
    var count: Int { commits.withLock { $0 } }
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { eventKind.tableName == "stream_log" }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { commits.withLock { $0 += 1 } }
    func databaseDidRollback(_ db: Database) {}
}

/// A gate a write closure blocks on (on GRDB's writer thread, never the cooperative pool) until the test opens it.
/// Entering it is announced through an async stream, so the test waits for that event instead of polling.
private final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let announcements = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    func wait() {
        announcements.continuation.yield()
        semaphore.wait()
    }
    func open() { semaphore.signal() }

    /// Whether the write closure entered the gate within `timeout`.
    func entered(timeout: Duration = .seconds(10)) async throws -> Bool {
        let stream = announcements.stream
        return try await withDeadline(timeout) {
            for await _ in stream { return true }
            return false
        } ?? false
    }
}

/// Whether `committer` queued exactly `count` writes within `timeout` (awaits its pending-count signal).
private func pending(_ committer: GroupCommitter, count: Int, timeout: Duration = .seconds(10)) async throws -> Bool {
    try await withDeadline(timeout) {
        for await pending in committer.pendingCountUpdates() where pending == count { return true }
        return false
    } ?? false
}

private struct RejectedItem: Error, Equatable {
    let index: Int
}

@Suite struct GroupCommitterTests {
    let log = StreamLogStore()

    @Test func concurrentSubmitsShareTransactionsAndGetGapFreeSequences() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("group.sqlite")
        let database = try KechuangDatabase(path: path)
        let counter = CommitCounter()
        database.pool.add(transactionObserver: counter, extent: .databaseLifetime)
        let committer = try GroupCommitter(writer: database.pool, maximumBatchSize: 16)
        let gate = Gate()
        let log = self.log

        // The first write holds the writer until every other submission is queued behind it.
        async let first = committer.submit { db -> UInt64 in
            gate.wait()
            return try log.append(db, topic: "t", header: Data(), body: Data("first".utf8))
        }
        #expect(try await gate.entered())

        let others = 49
        let results = try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
            for index in 0..<others {
                group.addTask {
                    let sequence = try await committer.submit { db in
                        try log.append(db, topic: "t", header: Data(), body: Data("item \(index)".utf8))
                    }
                    return (index, sequence)
                }
            }
            #expect(try await pending(committer, count: others))
            gate.open()
            var results: [Int: UInt64] = [:]
            for try await (index, sequence) in group { results[index] = sequence }
            return results
        }
        let firstSequence = try await first
        #expect(firstSequence == 1)
        #expect(Set(results.values) == Set(2...UInt64(others + 1)))

        // 1 transaction for the first write, then ceil(49 / 16) = 4 batches.
        let statistics = committer.statistics
        #expect(statistics.committedTransactions == 5)
        #expect(statistics.committedWrites == 50)
        #expect(statistics.largestBatch == 16)
        #expect(counter.count == 5)
        #expect(counter.count < others + 1)

        // Every body landed at the sequence its caller was told, and survives a reopen.
        try database.close()
        let reopened = try KechuangDatabase(path: path)
        let entries = try await reopened.pool.read { db in try log.entries(db, after: 0, limit: 1000) }
        #expect(entries.map(\.sequence) == Array(1...UInt64(others + 1)))
        for (index, sequence) in results {
            #expect(entries[Int(sequence) - 1].body == Data("item \(index)".utf8))
        }
    }

    @Test func failingWriteRollsBackOnlyItself() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("group.sqlite"))
        let committer = try GroupCommitter(writer: database.pool)
        let gate = Gate()
        let log = self.log

        async let first = committer.submit { db -> UInt64 in
            gate.wait()
            return try log.append(db, topic: "t", header: Data(), body: Data("first".utf8))
        }
        #expect(try await gate.entered())

        let outcomes = try await withThrowingTaskGroup(of: (Int, Result<UInt64, RejectedItem>).self) { group in
            for index in 0..<6 {
                group.addTask {
                    do {
                        let sequence = try await committer.submit { db -> UInt64 in
                            let sequence = try log.append(db, topic: "t", header: Data(), body: Data("item \(index)".utf8))
                            // Item 3 fails AFTER writing: its row must vanish, and its sequence be reused.
                            if index == 3 { throw RejectedItem(index: index) }
                            return sequence
                        }
                        return (index, .success(sequence))
                    } catch let error as RejectedItem {
                        return (index, .failure(error))
                    }
                }
            }
            #expect(try await pending(committer, count: 6))
            gate.open()
            var outcomes: [Int: Result<UInt64, RejectedItem>] = [:]
            for try await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
        _ = try await first
        #expect(outcomes[3] == .failure(RejectedItem(index: 3)))
        let sequences = outcomes.values.compactMap { try? $0.get() }
        #expect(Set(sequences) == Set(2...6))
        #expect(committer.statistics.failedWrites == 1)
        #expect(committer.statistics.committedTransactions == 2)

        let bodies = try await database.pool.read { db in try log.entries(db, after: 0, limit: 100) }.map(\.body)
        #expect(bodies.count == 6)
        #expect(!bodies.contains(Data("item 3".utf8)))
    }

    @Test func batchAbortedBySQLiteFailsEveryWriteInItAndCommitsNone() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("group.sqlite"))
        let committer = try GroupCommitter(writer: database.pool)
        let gate = Gate()
        let log = self.log

        async let first = committer.submit { db -> UInt64 in
            gate.wait()
            return try log.append(db, topic: "t", header: Data(), body: Data())
        }
        #expect(try await gate.entered())
        let outcomes = try await withThrowingTaskGroup(of: (any Error)?.self) { group in
            for index in 0..<3 {
                group.addTask {
                    do {
                        _ = try await committer.submit { db -> UInt64 in
                            let sequence = try log.append(db, topic: "t", header: Data(), body: Data())
                            if index == 1 {
                                // Simulates SQLite rolling back the whole transaction (as on SQLITE_FULL / IOERR).
                                try db.execute(sql: "ROLLBACK")
                                throw RejectedItem(index: index)
                            }
                            return sequence
                        }
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            #expect(try await pending(committer, count: 3))
            gate.open()
            var errors: [(any Error)?] = []
            for try await outcome in group { errors.append(outcome) }
            return errors
        }
        #expect(try await first == 1)
        #expect(outcomes.count == 3)
        #expect(outcomes.allSatisfy { ($0 as? StorageError).map { if case .batchAborted = $0 { true } else { false } } ?? false })
        #expect(try await database.pool.read { db in try log.head(db) } == 1)
        #expect(committer.statistics.failedTransactions == 1)
        // The committer keeps working afterwards.
        #expect(try await committer.submit { db in try log.append(db, topic: "t", header: Data(), body: Data()) } == 2)
    }

    @Test func cancellingAWaitingCallerDoesNotWithdrawItsWrite() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("group.sqlite"))
        let committer = try GroupCommitter(writer: database.pool)
        let gate = Gate()
        let log = self.log

        async let first = committer.submit { db -> UInt64 in
            gate.wait()
            return try log.append(db, topic: "t", header: Data(), body: Data("first".utf8))
        }
        #expect(try await gate.entered())
        let cancelledOutcome = try await withThrowingTaskGroup(of: UInt64.self) { group in
            group.addTask {
                try await committer.submit { db in
                    try log.append(db, topic: "t", header: Data(), body: Data("cancelled caller".utf8))
                }
            }
            #expect(try await pending(committer, count: 1))
            group.cancelAll()
            gate.open()
            return try await group.next()
        }
        #expect(try await first == 1)
        // The caller still hears of its committed write.
        #expect(cancelledOutcome == 2)
        let bodies = try await database.pool.read { db in try log.entries(db, after: 0, limit: 10) }.map(\.body)
        #expect(bodies == [Data("first".utf8), Data("cancelled caller".utf8)])
    }

    @Test func loneSubmitCommitsImmediately() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("group.sqlite"))
        let committer = try GroupCommitter(writer: database.pool)
        let log = self.log
        let sequence = try await committer.submit { db in try log.append(db, topic: "t", header: Data(), body: Data()) }
        #expect(sequence == 1)
        #expect(try await database.pool.read { db in try log.head(db) } == 1)
        #expect(committer.statistics.committedTransactions == 1)
    }

    @Test func invalidBatchSizeIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("group.sqlite"))
        #expect(throws: StorageError.invalidBatchSize(0)) { try GroupCommitter(writer: database.pool, maximumBatchSize: 0) }
    }
}
