import Contracts
import Foundation

/// What the scoring logic keeps in memory of a subject's current score under one scheme: enough to decide whether a
/// new score changed anything and to rank and grade — not the whole message. The published message (with its
/// breakdown) is kept in the database's current rows, where queries read it; keeping every full `ScoreUpdate` in
/// memory cost ≈ 3 kB per subject and scheme (docs/performance.md, "Scoring"). 32 bytes: the grade is an index into
/// the scheme state's table of the grades it has given (``SchemeState/grade(of:)``).
struct ScoreDigest: Sendable, Hashable {
    /// Points.
    var points: Decimal
    /// The grade's index in ``SchemeState``'s grade table, −1 for none (``none``'s marks no digest at all).
    var gradeIndex: Int16
    /// Whether a veto applied (no percentile tier then).
    var vetoed: Bool
    /// A hash of the message's content apart from what only records its cause (`previousPoints`,
    /// `ingestSequence`): equal hashes mean nothing to publish. In-process only (Swift's hashing is seeded per run).
    var content: Int

    /// The place of a subject without a score in ``SchemeState``'s digests.
    static let none = ScoreDigest(points: 0, gradeIndex: Int16.min, vetoed: false, content: 0)

    private init(points: Decimal, gradeIndex: Int16, vetoed: Bool, content: Int) {
        self.points = points
        self.gradeIndex = gradeIndex
        self.vetoed = vetoed
        self.content = content
    }

    /// The digest of `update`, whose grade is at `gradeIndex` of the grade table (−1 for none).
    init(_ update: ScoreUpdate, gradeIndex: Int16) {
        points = update.points
        self.gradeIndex = gradeIndex
        vetoed = !update.vetoedBy.isEmpty
        var hasher = Hasher()
        var normalized = update
        normalized.previousPoints = nil
        normalized.ingestSequence = 0
        hasher.combine(normalized)
        content = hasher.finalize()
    }
}
