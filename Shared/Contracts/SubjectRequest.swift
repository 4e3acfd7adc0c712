import Messaging

/// Request (`scoring.subject`, 一键可查): find a subject by 统一社会信用代码, id or name fragment and return its
/// profile, current scores with breakdowns, high-tech assessment and history.
public struct SubjectRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "scoring.subject"
    /// A credit code, a subject id, or part of a name (case-insensitive).
    public var query: String
    /// Only this scheme's score (nil: every scheme).
    public var schemeID: String?

    /// Creates the request.
    public init(query: String, schemeID: String? = nil) {
        self.query = query
        self.schemeID = schemeID
    }

    /// `scoring.subject`.
    public var topic: Topic { Topic("scoring").child("subject") }
}
