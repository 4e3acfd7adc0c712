import Foundation

/// One stored message of a stream: its gap-free sequence, topic, raw header and body frames, and when it was appended.
public struct StreamLogEntry: Sendable, Equatable {
    /// The per-stream sequence number (first entry is 1).
    public let sequence: UInt64
    /// The message topic frame, as text.
    public let topic: String
    /// The header frame bytes exactly as published.
    public let header: Data
    /// The body frame bytes exactly as published.
    public let body: Data
    /// Append time in milliseconds since 1970-01-01 UTC.
    public let createdAtMilliseconds: Int64

    /// Creates an entry.
    public init(sequence: UInt64, topic: String, header: Data, body: Data, createdAtMilliseconds: Int64) {
        self.sequence = sequence
        self.topic = topic
        self.header = header
        self.body = body
        self.createdAtMilliseconds = createdAtMilliseconds
    }
}
