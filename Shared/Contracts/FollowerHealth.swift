/// How one of a service's stream followers stands, in its status reply: a follower that stopped applying
/// (`halted`) is a fault the operator must act on (docs/operations.md, "Backups").
public struct FollowerHealth: Codable, Sendable, Hashable {
    /// The followed stream, e.g. `ingest`.
    public var stream: String
    /// `idle`, `loading_snapshot`, `catching_up`, `live` or `halted`.
    public var phase: String
    /// Why it halted (`owner_behind`, `history_unavailable`), when it did.
    public var halt: String?
    /// The owner's head as reported when it halted for `owner_behind`.
    public var ownerHead: UInt64?
    /// Its last applied sequence.
    public var lastApplied: UInt64

    /// Creates the entry.
    public init(stream: String, phase: String, halt: String? = nil, ownerHead: UInt64? = nil, lastApplied: UInt64) {
        self.stream = stream
        self.phase = phase
        self.halt = halt
        self.ownerHead = ownerHead
        self.lastApplied = lastApplied
    }

    /// Whether the follower stopped applying.
    public var isHalted: Bool { halt != nil }
}
