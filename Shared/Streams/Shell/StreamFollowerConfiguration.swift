import Messaging

/// Settings of a ``StreamFollowerService``: which stream, where its owner listens, how to start and how hard to
/// retry.
public struct StreamFollowerConfiguration: Sendable, Hashable {
    /// How the follower begins.
    public enum Start: Sendable, Hashable {
        /// Replay every entry after the last applied sequence given to the service (0 = from the beginning).
        case replay
        /// Load a snapshot of the owner's current state (entries whose topic starts with `prefix`; `""` for
        /// everything), then replay after the snapshot's sequence. Needs a snapshot handler.
        case snapshot(prefix: String)
    }

    /// The stream's name, e.g. `"ingest"` or `"metrics"` (used in requests and for the heartbeat topic).
    public var stream: String
    /// The owner's PUB endpoint (live messages and heartbeats).
    public var publishEndpoint: String
    /// The owner's sync ROUTER endpoint (replay and snapshot requests).
    public var syncEndpoint: String
    /// Topic prefixes of the stream's data messages (e.g. `ingest`, or `metric.loan`). The heartbeat topic
    /// `<stream>.heartbeat` is always subscribed as well.
    public var prefixes: [Topic]
    /// The `source` written in request headers (the following service's name).
    public var source: String
    /// How to begin.
    public var start: Start
    /// Entries asked for per replay request (and per snapshot page).
    public var batchLimit: Int
    /// Most live messages kept waiting behind a gap (see ``StreamFollower/maxBuffered``).
    public var maxBuffered: Int
    /// How long to wait for one replay or snapshot answer before treating the owner as unreachable.
    public var requestTimeout: Duration
    /// Wait after the first failed request; doubles per consecutive failure.
    public var retryInitial: Duration
    /// Longest wait between retries.
    public var retryMaximum: Duration
    /// Interval of the repair timer (re-asks for anything still missing).
    public var tickInterval: Duration
    /// The SUB socket's receive high-water mark in messages (beyond it libzmq drops; replay repairs).
    public var receiveHighWaterMark: Int32
    /// Live messages queued inside the service before the SUB socket stops being read.
    public var inboxCapacity: Int

    /// Creates a configuration; every tuning value has a default suited to a local `ipc://` owner.
    public init(
        stream: String, publishEndpoint: String, syncEndpoint: String, prefixes: [Topic], source: String,
        start: Start = .replay, batchLimit: Int = 1000, maxBuffered: Int = 100_000,
        requestTimeout: Duration = .seconds(2), retryInitial: Duration = .milliseconds(100),
        retryMaximum: Duration = .seconds(5), tickInterval: Duration = .seconds(1),
        receiveHighWaterMark: Int32 = 100_000, inboxCapacity: Int = 10_000
    ) {
        self.stream = stream
        self.publishEndpoint = publishEndpoint
        self.syncEndpoint = syncEndpoint
        self.prefixes = prefixes
        self.source = source
        self.start = start
        self.batchLimit = max(1, batchLimit)
        self.maxBuffered = max(1, maxBuffered)
        self.requestTimeout = requestTimeout
        self.retryInitial = retryInitial
        self.retryMaximum = retryMaximum
        self.tickInterval = tickInterval
        self.receiveHighWaterMark = receiveHighWaterMark
        self.inboxCapacity = max(1, inboxCapacity)
    }

    /// The data prefixes plus the heartbeat topic, without duplicates (a prefix already covering the heartbeat
    /// topic makes the extra subscription unnecessary).
    public var subscriptions: [Topic] {
        var topics: [Topic] = []
        for prefix in prefixes where !topics.contains(prefix) {
            topics.append(prefix)
        }
        let heartbeat = Heartbeat.topic(for: stream)
        if !topics.contains(where: { heartbeat.hasPrefix($0) }) {
            topics.append(heartbeat)
        }
        return topics
    }
}
