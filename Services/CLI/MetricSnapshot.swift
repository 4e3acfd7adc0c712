import Contracts
import Messaging

/// The current metric values as one consistent snapshot from `metrics.sync`.
struct MetricSnapshot: Sendable {
    /// One current value with its metrics-stream sequence.
    struct Entry: Sendable {
        /// The sequence of the update that set the value.
        var sequence: UInt64
        /// The update.
        var update: MetricUpdate
    }

    /// The stream sequence the snapshot is consistent with (the smallest of its pages).
    var sequence: UInt64
    /// Current values, in key order.
    var entries: [Entry]

    /// Loads every page of the snapshot of `prefix` (`""` or `metric.` for everything).
    static func load(client: ServiceClient, prefix: String, timeout: Duration) async throws -> MetricSnapshot {
        var cursor: String?
        var sequence: UInt64?
        var entries: [Entry] = []
        repeat {
            let request = SnapshotRequest(stream: KechuangStream.metrics, prefix: prefix, cursor: cursor, limit: 1000)
            let page = try await client.request(request, expecting: SnapshotBatch.self, timeout: timeout)
            sequence = min(sequence ?? page.sequence, page.sequence)
            for entry in page.entries {
                let envelope = try entry.envelope()
                guard envelope.carries(MetricUpdate.self) else { continue }
                entries.append(Entry(sequence: entry.sequence, update: try envelope.decode(MetricUpdate.self)))
            }
            cursor = page.hasMore ? page.cursor : nil
            if page.hasMore, page.cursor == nil {
                throw CLIError.protocolViolation("snapshot page says hasMore but gives no cursor")
            }
        } while cursor != nil
        return MetricSnapshot(sequence: sequence ?? 0, entries: entries)
    }
}
