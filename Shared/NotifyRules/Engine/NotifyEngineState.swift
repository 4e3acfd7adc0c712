import Foundation

/// Everything the engine remembers between messages, persisted by the service in the same transaction as the
/// stream cursors: data-quality flags per metric key, groups waiting to be sent, the repeat window per firing,
/// silences, and counters.
public struct NotifyEngineState: Sendable, Hashable, Codable {
    /// A group of firings on one route with the same group-by label values.
    public struct Group: Sendable, Hashable, Codable {
        /// The route node id.
        public var route: String
        /// The receivers (as of the group's creation; a reload keeps them for what is already waiting).
        public var receivers: [String]
        /// Timing (milliseconds) copied from the route.
        public var groupWaitMilliseconds: Int64
        /// Timing (milliseconds) copied from the route.
        public var groupIntervalMilliseconds: Int64
        /// Firings waiting to be sent, in firing order.
        public var pending: [Firing]
        /// When the first waiting firing arrived.
        public var firstPendingAt: Date?
        /// When the group was last sent.
        public var lastSentAt: Date?

        /// When the waiting firings are due (`nil` when none wait).
        public var dueAt: Date? {
            guard let first = firstPendingAt, !pending.isEmpty else { return nil }
            if let last = lastSentAt {
                return max(first, last.addingTimeInterval(Double(groupIntervalMilliseconds) / 1000))
            }
            return first.addingTimeInterval(Double(groupWaitMilliseconds) / 1000)
        }
    }

    /// Counters since the state was created.
    public struct Counters: Sendable, Hashable, Codable {
        /// Messages evaluated.
        public var evaluated: UInt64 = 0
        /// Rule firings.
        public var fired: UInt64 = 0
        /// Firings dropped by a silence.
        public var silenced: UInt64 = 0
        /// Firings dropped because the same rule on the same subject was sent within the repeat interval.
        public var repeatSuppressed: UInt64 = 0
        /// Notifications made.
        public var notifications: UInt64 = 0

        /// Zero counters.
        public init() {}
    }

    /// Metric key → data-quality flag kinds it currently has (only keys with flags).
    public var qualityFlags: [String: [String]] = [:]
    /// Group key → group.
    public var groups: [String: Group] = [:]
    /// Firing fingerprint (route, rule, subject) → no re-send before this time.
    public var repeatUntil: [String: Date] = [:]
    /// Silences (expired ones are kept a day for `silence list`, then dropped).
    public var silences: [Silence] = []
    /// Counters.
    public var counters = Counters()

    /// An empty state.
    public init() {}
}
