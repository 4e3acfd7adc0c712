import Messaging
import Synchronization

/// The committed head of a stream an owner keeps: advanced by whatever commits to the stream's log (ingest's
/// request handler, metrics' apply), watched by the ``StreamOwnerService`` that publishes up to it.
///
/// It exists so the writer and the owner service need not know each other: a service creates it first, hands it
/// to both, and no construction order or late binding is needed.
///
/// A writer that has the committed entries at hand passes them along (``advance(to:committing:)``); the owner then
/// publishes them from memory instead of reading them back from the log (``RecentEntries`` says when it still reads).
public final class CommittedHead: Sendable {
    private struct State {
        var head: UInt64
        var recent: RecentEntries
    }

    private let state: Mutex<State>
    private let continuation: AsyncStream<UInt64>.Continuation
    /// Wake-ups carrying the newest head; keeps only the newest one unread, so it never grows.
    let advances: AsyncStream<UInt64>

    /// Creates the head at `initial` (the log's head when the service starts).
    public init(_ initial: UInt64 = 0) {
        state = Mutex(State(head: initial, recent: RecentEntries()))
        (advances, continuation) = AsyncStream<UInt64>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// The highest head reported so far.
    public var current: UInt64 { state.withLock { $0.head } }

    /// Reports that the log is committed up to `sequence`. Cheap and non-blocking; a lower value than an earlier
    /// one is ignored.
    public func advance(to sequence: UInt64) {
        advance(to: sequence, committing: [])
    }

    /// Reports that the log is committed up to `sequence`, handing over `entries` — frames exactly as stored,
    /// ascending, all committed — for the owner to publish without reading them back.
    public func advance(to sequence: UInt64, committing entries: [StoredEnvelope]) {
        let advanced = state.withLock { state -> Bool in
            state.recent.insert(entries)
            guard sequence > state.head else { return false }
            state.head = sequence
            return true
        }
        if advanced { continuation.yield(sequence) }
    }

    /// The committed entries `after + 1 …` (at most `limit`, none above `through`) still held in memory; empty when
    /// the next one is not held (the owner then reads the log).
    func recentEntries(after: UInt64, through: UInt64, limit: Int) -> [StoredEnvelope] {
        state.withLock { $0.recent.take(after: after, through: through, limit: limit) }
    }

    /// Ends ``advances`` (the owner service's publishing loop then returns).
    func finish() {
        continuation.finish()
    }
}
