import Contracts
import Domain
import Foundation

/// What the scoring logic keeps in memory of a subject's current score under one scheme: enough to decide whether a
/// new score changed anything and to rank and grade — not the whole message. The published message (with its
/// breakdown) is in the stream log, found through the database's current rows, where queries read it; keeping every full `ScoreUpdate` in
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
        content = Self.contentHash(of: update)
    }

    /// The hash of what `update` says apart from `previousPoints` and `ingestSequence`. Exact where the synthesized
    /// `Hashable` is not: a `Decimal` hashes its `Double` value there, so 1 700 000 000 000 000.01 and …000.02 hash
    /// alike; here its significand and exponent are hashed. Strings are hashed as their UTF-8 bytes (the synthesized
    /// hash normalises every non-ASCII string to NFC first, ≈ a third of its cost on Chinese names: only a
    /// byte-different but canonically equal name would then count as a change, and publish once more). The names
    /// of categories, indicators and grades are not hashed: the scheme id and version (hashed) fix them.
    static func contentHash(of update: ScoreUpdate) -> Int {
        var hasher = Hasher()
        hasher.combine(text: update.subjectKind)
        hasher.combine(text: update.subjectID)
        hasher.combine(text: update.subjectName)
        hasher.combine(text: update.town)
        hasher.combine(text: update.period)
        hasher.combine(text: update.schemeID)
        hasher.combine(update.schemeVersion)
        hasher.combine(exactly: update.points)
        hasher.combine(update.categories.count)
        for category in update.categories {
            hasher.combine(text: category.id)
            hasher.combine(exactly: category.points)
            hasher.combine(exactly: category.cap)
        }
        hasher.combine(update.breakdown.count)
        for line in update.breakdown {
            hasher.combine(text: line.indicator)
            hasher.combine(text: line.category)
            hasher.combine(exactly: line.raw)
            hasher.combine(exactly: line.normalised)
            hasher.combine(exactly: line.weight)
            hasher.combine(exactly: line.points)
            hasher.combine(text: line.missing)
        }
        hasher.combine(update.negatives.count)
        for negative in update.negatives { hasher.combine(text: negative) }
        hasher.combine(update.vetoedBy.count)
        for veto in update.vetoedBy { hasher.combine(text: veto) }
        hasher.combine(text: update.stage)
        hasher.combine(text: update.cohort)
        hasher.combine(text: update.grade?.id)
        hasher.combine(update.rank)
        hasher.combine(update.cohortSize)
        return hasher.finalize()
    }
}

extension Hasher {
    /// Feeds `value` exactly (``DecimalArithmetic/combine(_:into:)``).
    fileprivate mutating func combine(exactly value: Decimal) {
        DecimalArithmetic.combine(value, into: &self)
    }

    /// Feeds whether `value` is present and, when it is, the value exactly.
    fileprivate mutating func combine(exactly value: Decimal?) {
        combine(value != nil)
        if let value { combine(exactly: value) }
    }

    /// Feeds `text`'s UTF-8 bytes and their count (so that "ab","c" and "a","bc" differ).
    fileprivate mutating func combine(text: String) {
        var text = text
        text.withUTF8 { bytes in
            combine(bytes.count)
            combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    /// Feeds whether `text` is present and, when it is, its bytes.
    fileprivate mutating func combine(text: String?) {
        combine(text != nil)
        if let text { combine(text: text) }
    }
}
