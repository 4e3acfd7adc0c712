import GRDB
import Synchronization

/// Batches writes from many concurrent callers into one transaction (one fsync), so "accepted means on disk"
/// stays affordable under load.
///
/// - Each submitted closure runs inside its own SAVEPOINT within the shared transaction: if it throws, only its own
///   changes are rolled back and only its caller gets the error; the rest of the batch still commits.
/// - A caller resumes only after the transaction holding its write COMMITTED (or with the commit error).
/// - While one batch is being written, new submissions queue up and form the next batch (at most
///   ``maximumBatchSize`` writes each). No timer: an idle committer writes a lone submission immediately.
/// - Closures run on GRDB's writer queue, never on Swift's cooperative pool. They must not call ``submit(_:)``
///   or the writer's `write` themselves (that would deadlock).
/// - The committer starts no task: each batch is one transaction scheduled on the writer queue, whose completion
///   resumes its callers and schedules the next batch, so nothing runs once no write is pending.
/// - Cancelling a waiting caller does not withdraw its write.
/// - If SQLite aborts the shared transaction itself (disk full, I/O error), every write of that batch fails with
///   ``StorageError/batchAborted(reason:)`` and none is committed.
public final class GroupCommitter: Sendable {
    private struct PendingWrite: Sendable {
        /// Runs the caller's closure in a savepoint and records its outcome; returns the error if it threw.
        let run: @Sendable (Database) -> (any Error)?
        /// Resumes the caller: with the recorded outcome, or with the transaction's error.
        let complete: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var pending: [PendingWrite] = []
        var draining = false
        var statistics = GroupCommitStatistics()
        /// Observers of ``pendingCountUpdates()``, by id.
        var pendingObservers: [UInt64: AsyncStream<Int>.Continuation] = [:]
        var nextObserverID: UInt64 = 0

        /// Tells every ``GroupCommitter/pendingCountUpdates()`` observer the new count (called under the lock).
        func announcePendingCount() {
            for observer in pendingObservers.values { observer.yield(pending.count) }
        }
    }

    /// The largest number of writes committed in one transaction.
    public let maximumBatchSize: Int
    private let writer: any DatabaseWriter
    private let state = Mutex(State())

    /// Creates a committer writing through `writer` (usually ``KechuangDatabase/pool``).
    /// - Throws: ``StorageError/invalidBatchSize(_:)`` when `maximumBatchSize < 1`.
    public init(writer: any DatabaseWriter, maximumBatchSize: Int = 256) throws {
        guard maximumBatchSize >= 1 else { throw StorageError.invalidBatchSize(maximumBatchSize) }
        self.writer = writer
        self.maximumBatchSize = maximumBatchSize
    }

    /// Counters so far (transactions, writes, largest batch).
    public var statistics: GroupCommitStatistics {
        state.withLock { $0.statistics }
    }

    /// Number of writes queued and not yet taken into a transaction.
    public var pendingCount: Int {
        state.withLock { $0.pending.count }
    }

    /// The number of queued writes (``pendingCount``) now and after every change, as an async sequence (for
    /// callers that wait for a queue to form, e.g. tests, instead of polling). Ends when the iterating task is
    /// cancelled.
    public func pendingCountUpdates() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(64))
        let id = state.withLock { state -> UInt64 in
            state.nextObserverID += 1
            state.pendingObservers[state.nextObserverID] = continuation
            continuation.yield(state.pending.count)
            return state.nextObserverID
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.pendingObservers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Runs `work` inside a shared transaction and returns its result once that transaction has committed.
    /// - Throws: the error `work` threw (its changes rolled back, others unaffected), or the commit's error.
    public func submit<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let item = PendingWrite(
                run: { db in
                    let result: Result<T, any Error>
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try work(db)
                            return .commit
                        }
                        if let value {
                            result = .success(value)
                        } else {
                            result = .failure(StorageError.writeOutcomeMissing)
                        }
                    } catch {
                        result = .failure(error)
                    }
                    outcome.withLock { $0 = result }
                    if case let .failure(error) = result { return error } else { return nil }
                },
                complete: { transactionError in
                    if let transactionError {
                        continuation.resume(throwing: transactionError)
                        return
                    }
                    let result = outcome.withLock { $0 } ?? .failure(StorageError.writeOutcomeMissing)
                    continuation.resume(with: result)
                }
            )
            enqueue(item)
        }
    }

    private func enqueue(_ item: PendingWrite) {
        let startDrain = state.withLock { state -> Bool in
            state.pending.append(item)
            state.announcePendingCount()
            if state.draining { return false }
            state.draining = true
            return true
        }
        if startDrain { writeNextBatch() }
    }

    /// Takes the next batch and schedules its transaction on GRDB's writer queue; the transaction's completion
    /// (on that queue too) resumes the batch's callers and then calls this again. No task is involved: the chain
    /// exists only while writes are pending, each with its caller waiting, and stops (`draining = false`) as soon
    /// as the queue is empty. The writer queue is a dispatch queue, never Swift's cooperative pool.
    private func writeNextBatch() {
        let batch = state.withLock { state -> [PendingWrite] in
            if state.pending.isEmpty {
                state.draining = false
                return []
            }
            let count = min(maximumBatchSize, state.pending.count)
            let batch = Array(state.pending.prefix(count))
            state.pending.removeFirst(count)
            state.announcePendingCount()
            return batch
        }
        if batch.isEmpty { return }
        writer.asyncWrite({ db -> Int in
            var succeeded = 0
            for item in batch {
                guard let failure = item.run(db) else {
                    succeeded += 1
                    continue
                }
                if !db.isInsideTransaction {
                    // SQLite itself rolled back the shared transaction (SQLITE_FULL, IOERR…): the writes
                    // before this one are gone too, so fail the whole batch rather than commit a partial one.
                    if StorageError.isStorageFull(failure) {
                        throw StorageError.storageFull(reason: "transaction rolled back by SQLite: \(failure)")
                    }
                    throw StorageError.batchAborted(reason: "transaction rolled back by SQLite during a write: \(failure)")
                }
            }
            return succeeded
        }, completion: { [self] _, result in
            switch result {
            case .success(let succeeded):
                state.withLock { state in
                    state.statistics.committedTransactions += 1
                    state.statistics.committedWrites += succeeded
                    state.statistics.failedWrites += batch.count - succeeded
                    state.statistics.largestBatch = max(state.statistics.largestBatch, batch.count)
                }
                for item in batch { item.complete(nil) }
            case .failure(let error):
                state.withLock { $0.statistics.failedTransactions += 1 }
                for item in batch { item.complete(error) }
            }
            writeNextBatch()
        })
    }
}
