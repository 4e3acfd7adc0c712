import Domain
import Foundation

/// The cohort-relative part of scoring: for every percentile-normalised indicator, the raw values of the
/// cohort's subjects, counted incrementally.
///
/// Record a subject's ``SubjectAssessment`` whenever its data changes. A change of one subject's raw value moves
/// the percentiles of others in its cohort; a caller that publishes scores re-scores that cohort's subjects.
///
/// Memory (docs/performance.md, "Scoring"): one subject index and one cohort index shared by the indicators; per
/// indicator 8 bytes a subject (``IndicatorValues``) and a multiset of values per cohort (``ValueCountForest``),
/// where a value many subjects share is one node — not a map and a tree of (points, subject) per indicator.
public struct CohortPercentiles: Sendable {
    /// Subject id → slot in every indicator's entries.
    private var slots: [String: Int32] = [:]
    /// Cohort → id in every indicator's forest.
    private var cohorts: [CohortKey: Int32] = [:]
    /// Values per indicator id.
    private var indicators: [String: IndicatorValues] = [:]

    /// No values recorded.
    public init() {}

    /// Records (or updates) the subject's raw values of the percentile indicators; an indicator now missing
    /// removes the subject's old value.
    public mutating func record(_ assessment: SubjectAssessment) {
        var slot = slots[assessment.subjectID].map(Int.init)
        var cohort: Int?
        for entry in assessment.indicators where entry.indicator.normalisation.needsCohort {
            if let raw = entry.raw {
                let subjectSlot = slot ?? newSlot(assessment.subjectID)
                slot = subjectSlot
                let cohortID = cohort ?? id(of: assessment.cohort)
                cohort = cohortID
                indicators[entry.indicator.id, default: IndicatorValues()]
                    .set(slot: subjectSlot, value: OrderedDecimal(raw), cohort: cohortID)
            } else if let slot {
                indicators[entry.indicator.id]?.remove(slot: slot)
            }
        }
    }

    /// Removes every value of the subject.
    public mutating func remove(subject: String) {
        guard let slot = slots[subject] else { return }
        for indicator in Array(indicators.keys) {
            indicators[indicator]?.remove(slot: Int(slot))
        }
    }

    /// The number of values recorded for `indicator` in `cohort`.
    public func count(indicator: String, cohort: CohortKey) -> Int {
        guard let values = indicators[indicator], let id = cohorts[cohort] else { return 0 }
        return values.count(in: Int(id))
    }

    /// The percentile (cumulative share, 0 < p ≤ 1) of `value` for `indicator` in `cohort`, counting the subject
    /// with `value` whether or not it was recorded (a recorded older value of the subject is replaced): the number
    /// of cohort values ≤ `value` divided by the cohort size.
    public func percentile(indicator: String, value: Decimal, subject: String, cohort: CohortKey) -> Decimal {
        guard let values = indicators[indicator] else { return 1 }
        var size = 0
        var atMost = 0
        if let id = cohorts[cohort].map(Int.init) {
            let probe = OrderedDecimal(value)
            size = values.count(in: id)
            atMost = values.countAtMost(probe, in: id)
            if let slot = slots[subject], let recorded = values.recorded(slot: Int(slot)), recorded.cohort == id {
                size -= 1
                if recorded.value.compare(probe) <= 0 { atMost -= 1 }
            }
        }
        return Decimal(atMost + 1).divided(by: Decimal(size + 1))
    }

    /// Whether every indicator's multisets are well formed and hold exactly its recorded values (for tests).
    func isConsistent() -> Bool {
        indicators.values.allSatisfy { $0.isConsistent() }
    }

    private mutating func newSlot(_ subject: String) -> Int {
        let slot = slots.count
        slots[subject] = Int32(slot)
        return slot
    }

    /// The cohort's id, assigned on first sight.
    private mutating func id(of cohort: CohortKey) -> Int {
        if let id = cohorts[cohort] { return Int(id) }
        let id = cohorts.count
        cohorts[cohort] = Int32(id)
        return id
    }
}
