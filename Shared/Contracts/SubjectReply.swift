import Foundation
import Messaging
import Scoring

/// Reply (`scoring.subject_reply`) to ``SubjectRequest``: the subject found (when exactly one matched, or one
/// matched exactly) with everything scoring knows of it, plus every match for an ambiguous query.
public struct SubjectReply: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "scoring.subject_reply"
    /// Every subject the query matched (at most 50).
    public var matches: [SubjectSummary]
    /// The subject shown, if the query picked one.
    public var subject: SubjectSummary?
    /// Its current scores, one per scheme, with ranks as of now.
    public var scores: [ScoreUpdate]
    /// Its high-tech assessment (enterprises with filings).
    public var highTech: HighTechAssessment?
    /// Its points per scheme and period over time, oldest first.
    public var history: [SubjectHistoryPoint]

    /// Creates the reply.
    public init(
        matches: [SubjectSummary], subject: SubjectSummary?, scores: [ScoreUpdate], highTech: HighTechAssessment?,
        history: [SubjectHistoryPoint]
    ) {
        self.matches = matches
        self.subject = subject
        self.scores = scores
        self.highTech = highTech
        self.history = history
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("scoring").child("subject_reply") }
}

/// Who a subject is.
public struct SubjectSummary: Codable, Sendable, Hashable {
    /// Subject kind id.
    public var kind: String
    /// Subject id (credit code for enterprises).
    public var id: String
    /// Name.
    public var name: String
    /// Town or park.
    public var town: String?
    /// Latest data period.
    public var period: String

    /// Creates the summary.
    public init(kind: String, id: String, name: String, town: String?, period: String) {
        self.kind = kind
        self.id = id
        self.name = name
        self.town = town
        self.period = period
    }
}

/// A subject's points under a scheme at one point of the scoring stream.
public struct SubjectHistoryPoint: Codable, Sendable, Hashable {
    /// Scheme id.
    public var schemeID: String
    /// Data period.
    public var period: String
    /// Points.
    public var points: Decimal
    /// Grade id, if any.
    public var grade: String?
    /// Scoring-stream sequence of the update.
    public var sequence: UInt64

    /// Creates the point.
    public init(schemeID: String, period: String, points: Decimal, grade: String?, sequence: UInt64) {
        self.schemeID = schemeID
        self.period = period
        self.points = points
        self.grade = grade
        self.sequence = sequence
    }
}
