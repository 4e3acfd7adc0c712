/// What storing a prepared document did.
enum StoreOutcome: Sendable, Hashable {
    /// Stored now; its events hold sequences `first…last`.
    case stored(first: UInt64, last: UInt64)
    /// Identical content was stored before; nothing new was written.
    case duplicate(DocumentRow)
}
