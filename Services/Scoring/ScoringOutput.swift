import Contracts

/// One message the scoring logic produces for the scoring stream.
enum ScoringOutput: Sendable, Hashable {
    /// A subject's current score under a scheme (state: the latest per topic is the snapshot).
    case score(ScoreUpdate)
    /// A grade went up or down (event).
    case gradeChanged(GradeChanged)
    /// An enterprise's current high-tech assessment (state), with the assessment's JSON as its digest was taken
    /// from (``HighTechUpdateBody/assessmentJSON(_:)``; `nil` for one holding a NaN), which its body reuses.
    case highTech(HighTechUpdate, assessmentJSON: [UInt8]?)
    /// Eligibility or tier changed (event).
    case highTechChanged(HighTechChanged)

    /// Whether the message is current state (kept per topic for snapshots) rather than an event.
    var isState: Bool {
        switch self {
        case .score, .highTech: true
        case .gradeChanged, .highTechChanged: false
        }
    }
}
