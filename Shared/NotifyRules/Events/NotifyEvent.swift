import Contracts
import Domain
import Foundation
import Scoring

/// One stream message as the rules see it: where it came from (stream and sequence, which make notification ids
/// deterministic) and its typed content. Built from an envelope by ``NotifyEventDecoder``.
public struct NotifyEvent: Sendable, Hashable {
    /// The typed content.
    public enum Content: Sendable, Hashable {
        /// A metric update.
        case metric(MetricUpdate)
        /// A score update.
        case score(ScoreUpdate)
        /// A grade change.
        case grade(GradeChanged)
        /// A high-tech eligibility or tier change.
        case highTech(HighTechChanged)
        /// Anything else: only the common fields.
        case other
    }

    /// The stream the message came from (`metrics`, `scoring`).
    public var stream: String
    /// Its sequence in that stream.
    public var sequence: UInt64
    /// Its topic.
    public var topic: String
    /// Its wire type.
    public var type: String
    /// Its content.
    public var content: Content
    /// Catalog names of indicators (id → Chinese name and program), for the `indicator_name` and `program` fields.
    public var names: IndicatorNames

    /// Creates an event.
    public init(stream: String, sequence: UInt64, topic: String, type: String, content: Content,
                names: IndicatorNames = IndicatorNames()) {
        self.stream = stream
        self.sequence = sequence
        self.topic = topic
        self.type = type
        self.content = content
        self.names = names
    }

    /// The kind of content.
    public var kind: EventKind {
        switch content {
        case .metric: .metric
        case .score: .score
        case .grade: .grade
        case .highTech: .highTech
        case .other: .other
        }
    }

    /// What the event is about, for "the same notification" (repeat interval): the metric key, the subject and
    /// scheme, or the topic.
    public var subjectKey: String {
        switch content {
        case .metric(let update): update.key.description
        case .score(let update): "\(update.subjectKind)|\(update.subjectID)|\(update.schemeID)"
        case .grade(let change): "\(change.subjectKind)|\(change.subjectID)|\(change.schemeID)"
        case .highTech(let change): change.creditCode
        case .other: topic
        }
    }

    /// The text of field `name` (see ``EventKind/fields``); `nil` when the message has no such field or no value.
    public func field(_ name: String) -> String? {
        switch name {
        case "stream": return stream
        case "sequence": return String(sequence)
        case "topic": return topic
        case "type": return type
        default: break
        }
        switch content {
        case .metric(let update): return Self.metricField(name, update, names)
        case .score(let update): return Self.scoreField(name, update)
        case .grade(let change): return Self.gradeField(name, change)
        case .highTech(let change): return Self.highTechField(name, change)
        case .other: return nil
        }
    }

    private static func text(_ value: Decimal?) -> String? {
        value.map { DecimalText.string($0) }
    }

    private static func metricField(_ name: String, _ update: MetricUpdate, _ names: IndicatorNames) -> String? {
        switch name {
        case "indicator": update.key.indicator
        case "indicator_name": names.name(of: update.key.indicator) ?? update.key.indicator
        case "program": names.program(of: update.key.indicator)
        case "period": update.key.period
        case "scope": update.key.scope.rawValue
        case "town": update.key.scope.rawValue.hasPrefix("town:") ? String(update.key.scope.rawValue.dropFirst(5)) : nil
        case "source": update.key.source.rawValue
        case "value": text(update.value)
        case "previous": text(update.previousValue)
        case "unit": update.unit.rawValue
        case "change": text(update.previousValue.map { update.value - $0 })
        case "change_percent": text(MetricChange.percent(update).map { DecimalArithmetic.rounded($0, places: 2) })
        case "target_percent": text(update.targetProgressPercent.map { DecimalArithmetic.rounded($0, places: 2) })
        case "quality": update.quality.map(\.kind.rawValue).sorted().joined(separator: ",")
        case "qualifier": update.qualifier?.rawValue
        case "document": update.documentID
        case "phrase": update.phrase
        default: nil
        }
    }

    private static func scoreField(_ name: String, _ update: ScoreUpdate) -> String? {
        switch name {
        case "subject_kind": update.subjectKind
        case "subject": update.subjectID
        case "name": update.subjectName
        case "town": update.town
        case "period": update.period
        case "scheme": update.schemeID
        case "points": text(update.points)
        case "previous_points": text(update.previousPoints)
        case "points_change": text(update.previousPoints.map { update.points - $0 })
        case "grade": update.grade?.id
        case "grade_name": update.grade?.nameZh
        case "rank": String(update.rank)
        case "cohort_size": String(update.cohortSize)
        case "cohort": update.cohort
        case "stage": update.stage
        default: nil
        }
    }

    private static func gradeField(_ name: String, _ change: GradeChanged) -> String? {
        switch name {
        case "subject_kind": change.subjectKind
        case "subject": change.subjectID
        case "name": change.subjectName
        case "scheme": change.schemeID
        case "grade": change.current?.id
        case "grade_name": change.current?.nameZh
        case "previous_grade": change.previous?.id
        case "previous_grade_name": change.previous?.nameZh
        case "points": text(change.points)
        default: nil
        }
    }

    private static func highTechField(_ name: String, _ change: HighTechChanged) -> String? {
        switch name {
        case "subject", "credit_code": change.creditCode
        case "name": change.enterpriseName
        case "eligibility": change.eligibility.rawValue
        case "eligibility_name": change.eligibility.nameZh
        case "previous_eligibility": change.previousEligibility?.rawValue
        case "previous_eligibility_name": change.previousEligibility?.nameZh
        case "tier": change.tier.rawValue
        case "tier_name": change.tier.nameZh
        case "previous_tier": change.previousTier?.rawValue
        case "previous_tier_name": change.previousTier?.nameZh
        default: nil
        }
    }
}
