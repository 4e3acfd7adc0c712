import Foundation
import Messaging

/// Reply (`scoring.ranking_reply`) to ``RankingRequest``.
public struct RankingReply: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "scoring.ranking_reply"
    /// The scheme ranked.
    public var schemeID: String
    /// The scheme's Chinese name.
    public var schemeNameZh: String
    /// Rows, cohort by cohort, best first.
    public var rows: [RankingRow]

    /// Creates the reply.
    public init(schemeID: String, schemeNameZh: String, rows: [RankingRow]) {
        self.schemeID = schemeID
        self.schemeNameZh = schemeNameZh
        self.rows = rows
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("scoring").child("ranking_reply") }
}

/// One subject in a ranking.
public struct RankingRow: Codable, Sendable, Hashable {
    /// The cohort.
    public var cohort: String
    /// 1-based rank in the cohort (equal points share a rank).
    public var rank: Int
    /// Subjects in the cohort.
    public var cohortSize: Int
    /// Subject id.
    public var subjectID: String
    /// Subject name.
    public var name: String
    /// Points.
    public var points: Decimal
    /// Grade, if any.
    public var grade: ScoreGrade?

    /// Creates the row.
    public init(
        cohort: String, rank: Int, cohortSize: Int, subjectID: String, name: String, points: Decimal, grade: ScoreGrade?
    ) {
        self.cohort = cohort
        self.rank = rank
        self.cohortSize = cohortSize
        self.subjectID = subjectID
        self.name = name
        self.points = points
        self.grade = grade
    }
}
