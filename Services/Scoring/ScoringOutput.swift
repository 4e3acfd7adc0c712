import Contracts

/// One message the scoring logic produces for the scoring stream.
enum ScoringOutput: Sendable, Hashable {
    /// A subject's current score under a scheme (state: the latest per topic is the snapshot).
    case score(ScoreUpdate)
    /// A grade went up or down (event).
    case gradeChanged(GradeChanged)
    /// An enterprise's current high-tech assessment (state).
    case highTech(HighTechUpdate)
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
