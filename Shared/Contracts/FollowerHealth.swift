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
    /// The owner's head as this follower last heard it (live entries, heartbeats, replay answers). It can lag the
    /// owner's real head: `kechuang status` asks the owner itself and compares with ``lastApplied``.
    public var knownHead: UInt64?
    /// Failed requests or applies in a row right now (0 or absent: none).
    public var failures: Int?
    /// Batches that failed to commit in a row right now (disk full, read-only database …): the follower keeps
    /// retrying but stores nothing until the cause is fixed. Absent in replies of older versions.
    public var applyFailures: Int?
    /// The last error while failures are ongoing.
    public var lastError: String?

    /// Creates the entry.
    public init(
        stream: String, phase: String, halt: String? = nil, ownerHead: UInt64? = nil, lastApplied: UInt64,
        knownHead: UInt64? = nil, failures: Int? = nil, applyFailures: Int? = nil, lastError: String? = nil
    ) {
        self.stream = stream
        self.phase = phase
        self.halt = halt
        self.ownerHead = ownerHead
        self.lastApplied = lastApplied
        self.knownHead = knownHead
        self.failures = failures
        self.applyFailures = applyFailures
        self.lastError = lastError
    }

    /// Whether the follower stopped applying.
    public var isHalted: Bool { halt != nil }

    /// Whether applying fails right now (it retries, but nothing is stored until the cause is fixed).
    public var isFailingToApply: Bool { (applyFailures ?? 0) > 0 }
}
