import Messaging

/// The owner side of the shared stream mechanism, without I/O: turns replay requests into bounded
/// batches read from a ``StreamLogReader`` and produces heartbeats.
///
/// The owning service appends each (sequence, envelope) to its store in the same transaction as the
/// state change, then publishes; it answers ``ReplayRequest``s on its sync socket with
/// ``replay(_:from:)`` and publishes ``heartbeat(head:now:)`` about once a second.
public struct StreamOwner: Sendable {
    /// The stream's name.
    public let stream: String
    /// Most entries returned in one batch, whatever the client asks.
    public let maxBatchEntries: Int
    /// Approximate byte bound of one batch (at least one entry is always returned).
    public let maxBatchBytes: Int

    /// Creates the owner helper for `stream`.
    public init(stream: String, maxBatchEntries: Int = 1000, maxBatchBytes: Int = 4 << 20) {
        self.stream = stream
        self.maxBatchEntries = max(1, maxBatchEntries)
        self.maxBatchBytes = max(1, maxBatchBytes)
    }

    /// The batch answering `request`: entries after `request.afterSequence`, bounded by the request's
    /// limit, ``maxBatchEntries`` and ``maxBatchBytes``.
    /// - Throws: ``StreamError/wrongStream(expected:actual:)`` for another stream's request, or what the
    ///   reader throws.
    public func replay(_ request: ReplayRequest, from reader: any StreamLogReader) async throws -> ReplayBatch {
        guard request.stream == stream else {
            throw StreamError.wrongStream(expected: stream, actual: request.stream)
        }
        // Read the head first: every entry up to it is then guaranteed to be readable.
        let head = try await reader.head
        let limit = min(max(1, request.limit), maxBatchEntries)
        let stored = request.afterSequence >= head
            ? [] : try await reader.entries(after: request.afterSequence, limit: limit)
        var entries: [ReplayEntry] = []
        entries.reserveCapacity(stored.count)
        var bytes = 0
        for entry in stored {
            bytes += entry.byteCount
            if !entries.isEmpty, bytes > maxBatchBytes { break }
            entries.append(ReplayEntry(entry))
        }
        // The committed head, never the request's `afterSequence`: a follower asking after a sequence the owner
        // does not have (the owner was restored from an older backup) must see the real head to notice.
        let streamHead = max(head, entries.last?.sequence ?? 0)
        let last = entries.last?.sequence ?? request.afterSequence
        return ReplayBatch(stream: stream, entries: entries, lastSequence: streamHead, hasMore: last < streamHead)
    }

    /// The heartbeat announcing `head`.
    public func heartbeat(head: UInt64, now: Int64 = MessageClock.nowMilliseconds()) -> Heartbeat {
        Heartbeat(stream: stream, latestSequence: head, timestamp: now)
    }

    /// The topic of this stream's heartbeats.
    public var heartbeatTopic: Topic { Heartbeat.topic(for: stream) }
}
