import Contracts
import Scoring

/// One scheme's scoring state: its scorer, the cohort values of its percentile indicators, the points ranking per
/// cohort (incremental, no sort per update) and each subject's current score.
struct SchemeState: Sendable {
    /// The scorer of the scheme.
    let scorer: SchemeScorer
    /// Raw values of the percentile-normalised indicators per cohort.
    var percentiles = CohortPercentiles()
    /// Points per cohort.
    var ranking = CohortRanking()
    /// Current score per subject slot (``ScoringLogic``'s dense subject numbers; ``ScoreDigest/none`` where the
    /// subject has none): a digest, the message itself is in the database. An array rather than a map by subject
    /// id: at 100 000 subjects a dictionary's buckets cost ≈ 2.6 times its entries (docs/performance.md).
    private var digests: [ScoreDigest] = []
    /// The number of subjects with a score.
    private(set) var scoreCount = 0
    /// The grades given so far (a handful per scheme), indexed by ``ScoreDigest/gradeIndex``.
    private var grades: [ScoreGrade] = []

    /// The scheme.
    var scheme: ScoringScheme { scorer.scheme }

    init(scheme: ScoringScheme) {
        scorer = SchemeScorer(scheme: scheme)
    }

    /// The current score (digest) of the subject at `slot`, if any.
    func digest(at slot: Int32) -> ScoreDigest? {
        let index = Int(slot)
        guard index >= 0, index < digests.count, digests[index].gradeIndex != ScoreDigest.none.gradeIndex else { return nil }
        return digests[index]
    }

    /// Keeps the digest of `update` as the current score of the subject at `slot`; returns it.
    @discardableResult
    mutating func keep(_ update: ScoreUpdate, at slot: Int32) -> ScoreDigest {
        var index: Int16 = -1
        if let grade = update.grade {
            if let known = grades.firstIndex(of: grade) {
                index = Int16(known)
            } else {
                grades.append(grade)
                index = Int16(grades.count - 1)
            }
        }
        let digest = ScoreDigest(update, gradeIndex: index)
        let position = Int(slot)
        if position >= digests.count {
            digests.append(contentsOf: repeatElement(ScoreDigest.none, count: position - digests.count + 1))
        }
        if digests[position].gradeIndex == ScoreDigest.none.gradeIndex { scoreCount += 1 }
        digests[position] = digest
        return digest
    }

    /// The grade of a digest.
    func grade(of digest: ScoreDigest) -> ScoreGrade? {
        digest.gradeIndex >= 0 ? grades[Int(digest.gradeIndex)] : nil
    }

    /// The grade of a subject at `rank` of `cohortSize` with `score`: the cohort-percentile tier when the scheme
    /// grades by percentile, else the point band.
    func grade(for score: Score, rank: Int, cohortSize: Int) -> ScoreGrade? {
        guard score.vetoedBy.isEmpty else { return nil }
        if !scheme.grades.tiers.isEmpty {
            return scheme.grades.tier(rank: rank, cohortSize: cohortSize).map {
                ScoreGrade(id: $0.id, nameZh: $0.nameZh, nameEn: $0.nameEn)
            }
        }
        return score.grade.map { ScoreGrade(id: $0.id, nameZh: $0.nameZh, nameEn: $0.nameEn) }
    }
}
