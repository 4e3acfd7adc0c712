import Foundation
import Messaging

/// Scoring stream event (`grade.changed`, topic `grade.changed.<subject kind>.<subject id>`): a subject's grade
/// under a scheme went up, down, appeared or disappeared.
public struct GradeChanged: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "grade.changed"
    /// Every grade-change topic starts with `grade.changed`.
    public static let topicPrefix: Topic = Topic("grade").child("changed")

    /// Subject kind id.
    public var subjectKind: String
    /// Subject id.
    public var subjectID: String
    /// Subject name.
    public var subjectName: String
    /// Scheme id.
    public var schemeID: String
    /// The grade before, if any.
    public var previous: ScoreGrade?
    /// The grade now, if any.
    public var current: ScoreGrade?
    /// Points now.
    public var points: Decimal
    /// The ingest event that caused it.
    public var ingestSequence: UInt64

    /// Creates the event.
    public init(
        subjectKind: String, subjectID: String, subjectName: String, schemeID: String, previous: ScoreGrade?,
        current: ScoreGrade?, points: Decimal, ingestSequence: UInt64
    ) {
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.subjectName = subjectName
        self.schemeID = schemeID
        self.previous = previous
        self.current = current
        self.points = points
        self.ingestSequence = ingestSequence
    }

    /// `grade.changed.<kind>.<id>`.
    public var topic: Topic { Self.topicPrefix.child(subjectKind).child(subjectID) }
}
