/// Where a follower is in its life, as status replies and logs show it (``FollowerStateMachine/phase``).
public enum FollowerPhase: Sendable, Hashable, CustomStringConvertible {
    /// Not started.
    case idle
    /// Fetching or loading a snapshot.
    case loadingSnapshot
    /// Replaying toward the owner's head; not caught up yet.
    case catchingUp
    /// Caught up at least once; following live.
    case live
    /// Stopped applying (see ``FollowerHalt``).
    case halted(FollowerHalt)

    /// `idle`, `loading_snapshot`, `catching_up`, `live` or `halted`.
    public var description: String {
        switch self {
        case .idle: "idle"
        case .loadingSnapshot: "loading_snapshot"
        case .catchingUp: "catching_up"
        case .live: "live"
        case .halted: "halted"
        }
    }
}
