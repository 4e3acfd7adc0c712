import Messaging

/// What the watch loop reacts to, merged into one stream so the follower state machine is driven from one task.
enum WatchInput: Sendable {
    /// A message on the metrics PUB socket.
    case live(Envelope)
    /// A snapshot finished loading.
    case snapshot(MetricSnapshot)
    /// A snapshot request failed.
    case snapshotFailed(String)
    /// A replay answer.
    case replay(ReplayBatch)
    /// A replay request failed.
    case replayFailed(String)
    /// About once a second.
    case tick
}
