import Contracts
import Foundation
import Messaging
import Scoring

/// What the web front knows, in memory: the current value of every indicator key with a short trend, every
/// subject's current score per scheme, and every enterprise's high-tech assessment.
///
/// It is rebuilt at every start from the owners' snapshots and kept current by replay and live messages (see
/// `docs/web.md`, "State"): the web front owns nothing, so a cursor on disk would only save a few milliseconds of
/// snapshot loading while adding a database that could disagree with the streams after a restore.
public struct WebState: Sendable {
    /// Most trend points kept per indicator key.
    public static let trendLimit = 60

    /// The current value per key, with the metrics-stream sequence that set it.
    public private(set) var values: [MetricKey: (sequence: UInt64, update: MetricUpdate)] = [:]
    /// Recent values per key, oldest first (at most ``trendLimit``).
    public private(set) var trends: [MetricKey: [TrendPoint]] = [:]
    /// Last metrics-stream sequence applied.
    public private(set) var metricsApplied: UInt64 = 0
    /// Current score per subject and scheme, keyed `kind|id|scheme`.
    public private(set) var scores: [String: ScoreUpdate] = [:]
    /// Current high-tech assessment per credit code.
    public private(set) var highTech: [String: HighTechAssessment] = [:]
    /// Last scoring-stream sequence applied.
    public private(set) var scoringApplied: UInt64 = 0

    /// An empty state.
    public init() {}

    // MARK: Metrics

    /// Replaces the metric values with a snapshot (latest update per key, all at or before `sequence`).
    /// - Returns: what changed for live clients (one event per indicator present).
    public mutating func loadMetricsSnapshot(_ entries: [Envelope], sequence: UInt64) throws -> Set<String> {
        values = [:]
        trends = [:]
        var indicators: Set<String> = []
        for envelope in entries where envelope.carries(MetricUpdate.self) {
            let update = try envelope.decode(MetricUpdate.self)
            record(update, sequence: envelope.sequence ?? sequence)
            indicators.insert(update.key.indicator)
        }
        metricsApplied = sequence
        return indicators
    }

    /// Applies metric-stream entries in order (anything other than a metric update only advances the cursor).
    /// - Returns: the indicators whose values changed.
    public mutating func applyMetrics(_ envelopes: [Envelope]) throws -> Set<String> {
        var indicators: Set<String> = []
        for envelope in envelopes {
            if envelope.carries(MetricUpdate.self) {
                let update = try envelope.decode(MetricUpdate.self)
                record(update, sequence: envelope.sequence ?? metricsApplied)
                indicators.insert(update.key.indicator)
            }
            if let sequence = envelope.sequence { metricsApplied = max(metricsApplied, sequence) }
        }
        return indicators
    }

    /// Merges older history points (from `metric.history`) in front of the trend of their keys, keeping order and
    /// the limit; points already known are skipped.
    public mutating func mergeHistory(_ points: [MetricHistoryPoint]) {
        var byKey: [MetricKey: [TrendPoint]] = [:]
        for point in points {
            byKey[point.update.key, default: []].append(TrendPoint(sequence: point.sequence, value: point.update.value))
        }
        for (key, older) in byKey {
            let known = trends[key] ?? []
            let knownSequences = Set(known.map(\.sequence))
            let merged = (older.filter { !knownSequences.contains($0.sequence) } + known).sorted { $0.sequence < $1.sequence }
            trends[key] = Array(merged.suffix(Self.trendLimit))
        }
    }

    private mutating func record(_ update: MetricUpdate, sequence: UInt64) {
        values[update.key] = (sequence, update)
        var trend = trends[update.key] ?? []
        if trend.last?.sequence != sequence { trend.append(TrendPoint(sequence: sequence, value: update.value)) }
        if trend.count > Self.trendLimit { trend.removeFirst(trend.count - Self.trendLimit) }
        trends[update.key] = trend
    }

    // MARK: Scoring

    /// Replaces scores and assessments with a snapshot.
    /// - Returns: the subjects (`kind|id`) present.
    public mutating func loadScoringSnapshot(_ entries: [Envelope], sequence: UInt64) throws -> Set<String> {
        scores = [:]
        highTech = [:]
        let changed = try applyScoringEntries(entries)
        scoringApplied = sequence
        return changed
    }

    /// Applies scoring-stream entries in order (grade changes repeat what the score says and only advance the cursor).
    /// - Returns: the subjects (`kind|id`) whose scores or assessments changed.
    public mutating func applyScoring(_ envelopes: [Envelope]) throws -> Set<String> {
        let changed = try applyScoringEntries(envelopes)
        for envelope in envelopes {
            if let sequence = envelope.sequence { scoringApplied = max(scoringApplied, sequence) }
        }
        return changed
    }

    private mutating func applyScoringEntries(_ envelopes: [Envelope]) throws -> Set<String> {
        var changed: Set<String> = []
        for envelope in envelopes {
            if envelope.carries(ScoreUpdate.self) {
                let update = try envelope.decode(ScoreUpdate.self)
                scores[update.subjectKind + "|" + update.subjectID + "|" + update.schemeID] = update
                changed.insert(update.subjectKind + "|" + update.subjectID)
            } else if envelope.carries(HighTechUpdate.self) {
                let update = try envelope.decode(HighTechUpdate.self)
                highTech[update.assessment.creditCode.rawValue] = update.assessment
                changed.insert("enterprise|" + update.assessment.creditCode.rawValue)
            }
        }
        return changed
    }

    // MARK: Views

    /// County-scope values of `indicator`, newest first.
    public func countyValues(of indicator: String) -> [(sequence: UInt64, update: MetricUpdate)] {
        values.filter { $0.key.indicator == indicator && $0.key.scope == .county }.map(\.value)
            .sorted { $0.sequence > $1.sequence }
    }

    /// Subjects per grade id under each scheme: `[scheme: [grade id: count]]` (only subjects with a grade).
    public var gradeCounts: [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for score in scores.values {
            guard let grade = score.grade else { continue }
            counts[score.schemeID, default: [:]][grade.id, default: 0] += 1
        }
        return counts
    }

    /// Grade names by scheme and grade id, as last seen.
    public var gradeNames: [String: [String: ScoreGrade]] {
        var names: [String: [String: ScoreGrade]] = [:]
        for score in scores.values {
            guard let grade = score.grade else { continue }
            names[score.schemeID, default: [:]][grade.id] = grade
        }
        return names
    }

    /// Enterprises per 高企培育库 tier.
    public var tierCounts: [HighTechTier: Int] {
        var counts: [HighTechTier: Int] = [:]
        for assessment in highTech.values { counts[assessment.tier, default: 0] += 1 }
        return counts
    }
}
