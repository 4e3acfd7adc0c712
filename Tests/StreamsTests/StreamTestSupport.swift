import Foundation
import KechuangTestSupport
import Messaging
import Synchronization
@testable import Streams

/// A message type for test streams.
struct Sample: WireMessage, Hashable {
    static let messageType: MessageType = "test.sample"
    static var topicPrefix: Topic { Topic.family("sample") }
    var name: String
    var value: Int
    var topic: Topic { Topic("sample").child(name) }
}

struct TimedOut: Error {}

/// Runs `operation`, failing with `TimedOut` if it takes longer than `limit` (a guard against hangs, not a wait).
func within<T: Sendable>(_ limit: Duration = .seconds(20), _ operation: @escaping @Sendable () async throws -> T)
    async throws -> T
{
    try await withDeadline(limit, orThrow: TimedOut(), operation)
}

/// An entry of a test stream with the given sequence.
func streamEnvelope(_ sequence: UInt64, stream: String = "metrics") -> Envelope {
    Envelope(
        topic: Topic("sample").child("s\(sequence)"),
        header: MessageHeader(
            type: Sample.messageType, id: "e\(sequence)", source: stream, sequence: sequence, timestamp: 1),
        body: Data(#"{"name":"s\#(sequence)","value":\#(sequence)}"#.utf8))
}

/// A heartbeat envelope of `stream` announcing `latest`.
func heartbeatEnvelope(_ latest: UInt64, stream: String = "metrics") -> Envelope {
    // A valid heartbeat always encodes; a failure here is a broken test fixture.
    (try? Envelope(
        Heartbeat(stream: stream, latestSequence: latest, timestamp: 1),
        header: HeaderFactory(source: stream).header(for: Heartbeat.self))) ?? streamEnvelope(0)
}

/// A replay answer carrying `sequences` of `stream`, with the owner's `head`.
func replayBatch(_ sequences: [UInt64], head: UInt64, stream: String = "metrics") -> ReplayBatch {
    let entries = sequences.compactMap { try? ReplayEntry(streamEnvelope($0, stream: stream)) }
    let last = sequences.last ?? 0
    return ReplayBatch(stream: stream, entries: entries, lastSequence: head, hasMore: last < head && !sequences.isEmpty)
}

/// A stream log in memory (entries 1...count, optionally pruned below `firstKept`), for owners in tests.
final class SampleLog: StreamLogReader, Sendable {
    private let state: Mutex<(entries: [StoredEnvelope], firstKept: UInt64)>
    /// The stream's name (the `source` of its entries).
    let stream: String

    init(count: UInt64 = 0, stream: String = "metrics") {
        self.stream = stream
        let entries = count == 0 ? [] : (1...count).compactMap { try? StoredEnvelope(streamEnvelope($0, stream: stream)) }
        state = Mutex((entries, 1))
    }

    /// Appends the next entry; returns its sequence.
    @discardableResult
    func append() -> UInt64 {
        state.withLock { state in
            let next = UInt64(state.entries.count) + 1
            if let stored = try? StoredEnvelope(streamEnvelope(next, stream: stream)) { state.entries.append(stored) }
            return next
        }
    }

    /// Forgets entries below `sequence` (retention).
    func prune(below sequence: UInt64) {
        state.withLock { $0.firstKept = max($0.firstKept, sequence) }
    }

    func entries(after sequence: UInt64, limit: Int) async throws -> [StoredEnvelope] {
        state.withLock { state in
            let start = max(sequence + 1, state.firstKept)
            guard start >= 1, start <= UInt64(state.entries.count) else { return [] }
            let end = min(UInt64(state.entries.count), start + UInt64(max(1, limit)) - 1)
            return Array(state.entries[Int(start - 1)..<Int(end)])
        }
    }

    var head: UInt64 {
        get async throws { state.withLock { UInt64($0.entries.count) } }
    }
}
