import Contracts
import Foundation
import Scoring

extension MetricsLogic {
    /// Applies one scoring-stream entry (scoring sequence `scoringSequence`) and returns the updates it causes, in
    /// key order. An entry not newer than what is recorded for its subject (a duplicate) changes nothing.
    ///
    /// A score moves its subject's points in its scheme and period's distribution (and its grade count, when the
    /// grade changed); a high-tech assessment moves its enterprise between tier counts of the period. The median
    /// and top-decile threshold are published whenever they change; counts too, including a count that falls to 0.
    /// Each update's `ingestSequence` is that of the ingest event behind the entry.
    public mutating func apply(_ event: ScoringEvent, scoringSequence: UInt64) -> [MetricUpdate] {
        let affected = absorb(event, scoringSequence: scoringSequence)
        var updates: [MetricUpdate] = []
        for value in affected.sorted() {
            guard let number = scoringValue(value) else { continue }
            updates += emit(key: value.key, value: number, ingestSequence: event.ingestSequence, reported: nil)
        }
        return updates
    }

    /// Folds a scoring-stream entry into the aggregates without producing updates.
    /// - Returns: the values that may have changed.
    @discardableResult
    mutating func absorb(_ event: ScoringEvent, scoringSequence: UInt64) -> Set<ScoringIndicators.Value> {
        switch event {
        case let .score(update):
            let key = ScoringAggregates.ScoreKey(
                scheme: update.schemeID, period: update.period, subjectKind: update.subjectKind,
                subject: update.subjectID)
            guard let change = state.scoring.record(
                key, points: update.points, grade: update.grade?.id, sequence: scoringSequence)
            else { return [] }
            var affected: Set<ScoringIndicators.Value> = [
                .scored(scheme: key.scheme, period: key.period),
                .median(scheme: key.scheme, period: key.period),
                .topDecile(scheme: key.scheme, period: key.period),
            ]
            for grade in [change.previousGrade, change.grade].compactMap({ $0 }) {
                affected.insert(.graded(scheme: key.scheme, period: key.period, grade: grade))
            }
            return affected
        case let .highTech(update):
            let period = String(update.assessment.period.latestYear)
            let key = ScoringAggregates.TierKey(creditCode: update.assessment.creditCode.rawValue, period: period)
            guard let previous = state.scoring.record(key, tier: update.assessment.tier, sequence: scoringSequence)
            else { return [] }
            var affected: Set<ScoringIndicators.Value> = [.tier(update.assessment.tier, period: period)]
            if let previous { affected.insert(.tier(previous, period: period)) }
            return affected
        case .ignored:
            return []
        }
    }

    /// The current number behind `value`, or `nil` when there is nothing to publish (no subject yet; a count of 0
    /// only once the key has been published).
    func scoringValue(_ value: ScoringIndicators.Value) -> Decimal? {
        let aggregates = state.scoring
        let count: Int
        switch value {
        case let .median(scheme, period):
            return aggregates.distribution(scheme: scheme, period: period)?.median
        case let .topDecile(scheme, period):
            return aggregates.distribution(scheme: scheme, period: period)?.topDecileThreshold
        case let .tier(tier, period):
            count = aggregates.tierCount(tier, period: period)
        case let .scored(scheme, period):
            count = aggregates.distribution(scheme: scheme, period: period)?.count ?? 0
        case let .graded(scheme, period, grade):
            count = aggregates.gradeCount(scheme: scheme, period: period, grade: grade)
        }
        guard count > 0 || state.values[value.key] != nil else { return nil }
        return Decimal(count)
    }
}
