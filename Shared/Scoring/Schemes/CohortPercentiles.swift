import Foundation

/// The cohort-relative part of scoring: for every percentile-normalised indicator, the raw values of the
/// cohort's subjects, ranked incrementally (one ``CohortRanking`` per indicator).
///
/// Record a subject's ``SubjectAssessment`` whenever its data changes. A change of one subject's raw value moves
/// the percentiles of others in its cohort; a caller that publishes scores re-scores that cohort's subjects.
public struct CohortPercentiles: Sendable {
    private var rankings: [String: CohortRanking] = [:]

    /// No values recorded.
    public init() {}

    /// Records (or updates) the subject's raw values of the percentile indicators; an indicator now missing
    /// removes the subject's old value.
    public mutating func record(_ assessment: SubjectAssessment) {
        for entry in assessment.indicators where entry.indicator.normalisation.needsCohort {
            if let raw = entry.raw {
                rankings[entry.indicator.id, default: CohortRanking()]
                    .upsert(assessment.subjectID, points: raw, cohort: assessment.cohort)
            } else {
                rankings[entry.indicator.id]?.remove(assessment.subjectID)
            }
        }
    }

    /// Removes every value of the subject.
    public mutating func remove(subject: String) {
        for indicator in Array(rankings.keys) {
            rankings[indicator]?.remove(subject)
        }
    }

    /// The number of values recorded for `indicator` in `cohort`.
    public func count(indicator: String, cohort: CohortKey) -> Int {
        rankings[indicator]?.count(in: cohort) ?? 0
    }

    /// The percentile (cumulative share, 0 < p ≤ 1) of `value` for `indicator` in `cohort`, counting the subject
    /// with `value` whether or not it was recorded (a recorded older value of the subject is replaced): the number
    /// of cohort values ≤ `value` divided by the cohort size.
    public func percentile(indicator: String, value: Decimal, subject: String, cohort: CohortKey) -> Decimal {
        guard let ranking = rankings[indicator] else { return 1 }
        var size = ranking.count(in: cohort)
        var atMost = ranking.countAtMost(value, in: cohort)
        if ranking.cohort(of: subject) == cohort, let recorded = ranking.points(of: subject) {
            size -= 1
            if recorded <= value { atMost -= 1 }
        }
        return Decimal(atMost + 1) / Decimal(size + 1)
    }
}
