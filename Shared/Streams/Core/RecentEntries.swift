import DequeModule
import Messaging

/// Entries a stream's writer has just committed, kept in memory so the owner can publish them without reading
/// them back from the log.
///
/// Reading back was ≈ 8 % of ingest's CPU on 1 000-row filing batches (`perf record`: the read transaction, the
/// `SELECT`, `pread` of pages just written, copying each row into `Data`; docs/performance.md "Per-event
/// cost, sixth pass"). The log stays the source of truth: ``take(after:through:limit:)`` only returns a run
/// that starts exactly at the next sequence the owner needs, and an empty answer sends the owner to the log — after
/// a restart, when a writer reported a head without entries, when entries arrived out of order and left a gap
/// in front, or when the cache was full. So what is published is the log's entries in the log's order, from either
/// place, byte for byte the same (the writer hands over the very frames it stored).
///
/// Bounded: at most `maxEntries` entries and `maxBytes` payload bytes; entries that do not fit are not kept (the
/// owner reads them from the log). Entries at or below what was already taken are dropped on arrival.
/// Not thread-safe: ``CommittedHead`` keeps it under its lock.
struct RecentEntries {
    /// The most entries kept.
    let maxEntries: Int
    /// The most payload bytes (``Messaging/StoredEnvelope/byteCount``) kept.
    let maxBytes: Int
    /// Kept entries in ascending sequence order, no two with one sequence.
    private(set) var entries: Deque<StoredEnvelope> = []
    /// Payload bytes of ``entries``.
    private(set) var bytes = 0
    /// Every sequence up to this one has been taken (published) or skipped; later arrivals at or below it are stale.
    private(set) var floor: UInt64 = 0

    init(maxEntries: Int = 8_192, maxBytes: Int = 16 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    /// Keeps `committed` (ascending, as one write appended them) where they fit.
    mutating func insert(_ committed: [StoredEnvelope]) {
        for entry in committed where entry.sequence > floor {
            guard entries.count < maxEntries, bytes + entry.byteCount <= maxBytes else { return }
            // Writes usually commit in sequence order: append. A group commit's callers can report out of order.
            if let last = entries.last, last.sequence >= entry.sequence {
                let position = insertionIndex(of: entry.sequence)
                if position < entries.count, entries[position].sequence == entry.sequence { continue }
                entries.insert(entry, at: position)
            } else {
                entries.append(entry)
            }
            bytes += entry.byteCount
        }
    }

    /// The kept run `after + 1, after + 2, …` up to `through` and at most `limit` long, removed from the cache;
    /// empty when `after + 1` is not kept. Entries at or below `after` are dropped first: the owner has published
    /// them (from the log) already.
    mutating func take(after: UInt64, through: UInt64, limit: Int) -> [StoredEnvelope] {
        floor = max(floor, after)
        while let first = entries.first, first.sequence <= floor {
            bytes -= first.byteCount
            entries.removeFirst()
        }
        var run: [StoredEnvelope] = []
        while run.count < limit, let first = entries.first, first.sequence == floor + 1, first.sequence <= through {
            bytes -= first.byteCount
            entries.removeFirst()
            floor = first.sequence
            run.append(first)
        }
        return run
    }

    /// The position of the first kept entry with a sequence ≥ `sequence`.
    private func insertionIndex(of sequence: UInt64) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].sequence < sequence { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
