import Messaging

/// Reply (`notify.status_reply`) to ``NotifyStatusRequest``.
public struct NotifyStatus: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "notify.status_reply"
    /// Last metrics-stream sequence applied.
    public var metricsApplied: UInt64
    /// Last scoring-stream sequence applied.
    public var scoringApplied: UInt64
    /// The rules file in force.
    public var rulesFile: String
    /// Rules in force.
    public var rules: Int
    /// Receiver names in force.
    public var receivers: [String]
    /// Messages evaluated since the database was created.
    public var evaluated: UInt64
    /// Rule firings.
    public var fired: UInt64
    /// Firings dropped by silences.
    public var silenced: UInt64
    /// Firings dropped by the repeat interval.
    public var repeatSuppressed: UInt64
    /// Notifications stored.
    public var notifications: Int
    /// Deliveries waiting (first attempt or retry).
    public var pendingDeliveries: Int
    /// Deliveries that failed for good (the dead-letter list).
    public var failedDeliveries: Int
    /// Deliveries done.
    public var deliveredDeliveries: Int
    /// Silences in force.
    public var activeSilences: Int
    /// Groups waiting to be sent.
    public var waitingGroups: Int
    /// Each follower's phase.
    public var followers: [FollowerHealth]
    /// Seconds since the service started.
    public var uptimeSeconds: Int64

    /// Creates the reply.
    public init(
        metricsApplied: UInt64, scoringApplied: UInt64, rulesFile: String, rules: Int, receivers: [String],
        evaluated: UInt64, fired: UInt64, silenced: UInt64, repeatSuppressed: UInt64, notifications: Int,
        pendingDeliveries: Int, failedDeliveries: Int, deliveredDeliveries: Int, activeSilences: Int,
        waitingGroups: Int, followers: [FollowerHealth], uptimeSeconds: Int64
    ) {
        self.metricsApplied = metricsApplied
        self.scoringApplied = scoringApplied
        self.rulesFile = rulesFile
        self.rules = rules
        self.receivers = receivers
        self.evaluated = evaluated
        self.fired = fired
        self.silenced = silenced
        self.repeatSuppressed = repeatSuppressed
        self.notifications = notifications
        self.pendingDeliveries = pendingDeliveries
        self.failedDeliveries = failedDeliveries
        self.deliveredDeliveries = deliveredDeliveries
        self.activeSilences = activeSilences
        self.waitingGroups = waitingGroups
        self.followers = followers
        self.uptimeSeconds = uptimeSeconds
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("notify").child("status_reply") }
}
