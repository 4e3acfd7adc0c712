import Messaging

/// What storing a prepared document did.
enum StoreOutcome: Sendable, Hashable {
    /// Stored now; its events hold sequences `first…last`, and `entries` are those events exactly as stored (for
    /// the stream owner to publish without reading them back).
    case stored(first: UInt64, last: UInt64, entries: [StoredEnvelope])
    /// Identical content was stored before; nothing new was written.
    case duplicate(DocumentRow)

    /// The sequences of a stored document's events (`nil` for a duplicate).
    var storedSequences: ClosedRange<UInt64>? {
        switch self {
        case let .stored(first, last, _): first...last
        case .duplicate: nil
        }
    }
}
