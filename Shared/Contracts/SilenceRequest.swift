import Messaging

/// Request (`notify.silence`): add, list or expire silences. The reply is ``SilenceList``.
public struct SilenceRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "notify.silence"

    /// What to do.
    public enum Action: String, Codable, Sendable, Hashable {
        /// Add a silence (`matchers`, `durationSeconds`, `createdBy`, `comment`).
        case add
        /// List silences (active, and those ended within the last day).
        case list
        /// End silence `id` now.
        case expire
    }

    /// What to do.
    public var action: Action
    /// For `add`: label matchers such as `severity=critical`, `town=~甲.*`.
    public var matchers: [String]
    /// For `add`: how long it lasts, in seconds.
    public var durationSeconds: Int64?
    /// For `add`: who asks.
    public var createdBy: String?
    /// For `add`: why.
    public var comment: String?
    /// For `expire`: the silence id.
    public var id: String?

    /// Creates a request.
    public init(
        action: Action, matchers: [String] = [], durationSeconds: Int64? = nil, createdBy: String? = nil,
        comment: String? = nil, id: String? = nil
    ) {
        self.action = action
        self.matchers = matchers
        self.durationSeconds = durationSeconds
        self.createdBy = createdBy
        self.comment = comment
        self.id = id
    }

    /// Requests travel on the notify request socket.
    public var topic: Topic { Topic("notify").child("silence") }
}
