import Synchronization

/// The committed head of a stream an owner keeps: advanced by whatever commits to the stream's log (ingest's
/// request handler, metrics' apply), watched by the ``StreamOwnerService`` that publishes up to it.
///
/// It exists so the writer and the owner service need not know each other: a service creates it first, hands it
/// to both, and no construction order or late binding is needed.
public final class CommittedHead: Sendable {
    private let head: Mutex<UInt64>
    private let continuation: AsyncStream<UInt64>.Continuation
    /// Wake-ups carrying the newest head; keeps only the newest one unread, so it never grows.
    let advances: AsyncStream<UInt64>

    /// Creates the head at `initial` (the log's head when the service starts).
    public init(_ initial: UInt64 = 0) {
        head = Mutex(initial)
        (advances, continuation) = AsyncStream<UInt64>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// The highest head reported so far.
    public var current: UInt64 { head.withLock { $0 } }

    /// Reports that the log is committed up to `sequence`. Cheap and non-blocking; a lower value than an earlier
    /// one is ignored.
    public func advance(to sequence: UInt64) {
        let advanced = head.withLock { head -> Bool in
            guard sequence > head else { return false }
            head = sequence
            return true
        }
        if advanced { continuation.yield(sequence) }
    }

    /// Ends ``advances`` (the owner service's publishing loop then returns).
    func finish() {
        continuation.finish()
    }
}
