import Messaging

/// Reply (`notify.silence_reply`) to ``SilenceRequest``: the silences after the action.
public struct SilenceList: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "notify.silence_reply"

    /// One silence.
    public struct Entry: Codable, Sendable, Hashable {
        /// Id.
        public var id: String
        /// Matchers as text.
        public var matchers: [String]
        /// Start, milliseconds since the epoch.
        public var startsAtMilliseconds: Int64
        /// End, milliseconds since the epoch.
        public var endsAtMilliseconds: Int64
        /// Whether it is in force now.
        public var active: Bool
        /// Who asked.
        public var createdBy: String
        /// Why.
        public var comment: String

        /// Creates an entry.
        public init(
            id: String, matchers: [String], startsAtMilliseconds: Int64, endsAtMilliseconds: Int64, active: Bool,
            createdBy: String, comment: String
        ) {
            self.id = id
            self.matchers = matchers
            self.startsAtMilliseconds = startsAtMilliseconds
            self.endsAtMilliseconds = endsAtMilliseconds
            self.active = active
            self.createdBy = createdBy
            self.comment = comment
        }
    }

    /// The silences (active first, then by end).
    public var silences: [Entry]
    /// For `add`: the new silence's id; for `expire`: the expired one's.
    public var affected: String?

    /// Creates the reply.
    public init(silences: [Entry], affected: String? = nil) {
        self.silences = silences
        self.affected = affected
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("notify").child("silence_reply") }
}
