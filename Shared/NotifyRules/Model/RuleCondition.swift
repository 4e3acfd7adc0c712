import Contracts
import Foundation
import Scoring

/// When a rule fires (the `when:` of a rule). Each condition looks at one kind of message (``eventKind``).
public enum RuleCondition: Sendable, Hashable {
    /// Direction of a threshold crossing or a grade move.
    public enum Direction: String, Sendable, Hashable {
        /// Upwards (a grade: to a better one, or a first grade).
        case up
        /// Downwards (a grade: to a worse one, or none).
        case down
        /// Either way.
        case any
    }

    /// A metric value crosses `threshold`: up means previous < threshold ≤ value (no previous counts as below);
    /// down means previous ≥ threshold > value.
    case crosses(Direction, threshold: Decimal)
    /// A metric's target progress reaches `percent`: previous progress < percent ≤ progress (the previous progress
    /// is the current one scaled by previous / value; no previous value counts as 0).
    case targetReached(percent: Decimal)
    /// A metric value changes by more than `amount` (absolute, either direction) from its previous value.
    case changesBy(amount: Decimal)
    /// A metric value changes by more than `percent` % of its previous value (previous 0 → any change fires).
    case changesByPercent(percent: Decimal)
    /// A metric key gains (`true`) or loses (`false`) a data-quality flag of `kind` (any kind when `nil`).
    case qualityFlag(gained: Bool, kind: DataQualityFlag.Kind?)
    /// A subject's grade moves (`grade.changed`); ``Direction`` by the rules file's grade order.
    case grade(Direction)
    /// An enterprise becomes (`true`) or stops being (`false`) eligible for high-tech certification.
    case highTechEligible(gained: Bool)
    /// An enterprise's cultivation tier changes (optionally only to `to`).
    case tierChanged(to: HighTechTier?)
    /// A subject's points move by more than `amount` (either direction) under a scheme.
    case pointsMove(amount: Decimal)
    /// Every message on the rule's topic.
    case any

    /// The message kind this condition looks at (`nil` for ``any``: the topic decides).
    public var eventKind: EventKind? {
        switch self {
        case .crosses, .targetReached, .changesBy, .changesByPercent, .qualityFlag: .metric
        case .grade: .grade
        case .highTechEligible, .tierChanged: .highTech
        case .pointsMove: .score
        case .any: nil
        }
    }

    /// Whether `event` satisfies the condition. `previousFlags` are the data-quality flag kinds the event's metric key
    /// had before it (kept by the engine); `gradeRank` orders grade ids (lower is better).
    public func holds(
        for event: NotifyEvent, previousFlags: Set<String>, gradeRank: (String) -> Int?
    ) -> Bool {
        switch (self, event.content) {
        case (.any, _):
            return true
        case (.crosses(let direction, let threshold), .metric(let update)):
            let wasAbove = update.previousValue.map { $0 >= threshold } ?? false
            let isAbove = update.value >= threshold
            switch direction {
            case .up: return !wasAbove && isAbove
            case .down: return update.previousValue != nil && wasAbove && !isAbove
            case .any: return update.previousValue != nil ? wasAbove != isAbove : isAbove
            }
        case (.targetReached(let percent), .metric(let update)):
            guard let progress = update.targetProgressPercent, progress >= percent else { return false }
            let before = MetricChange.previousTargetPercent(update) ?? 0
            return before < percent
        case (.changesBy(let amount), .metric(let update)):
            guard let previous = update.previousValue else { return false }
            let delta = update.value - previous
            return (delta < 0 ? -delta : delta) > amount
        case (.changesByPercent(let percent), .metric(let update)):
            guard let previous = update.previousValue, update.value != previous else { return false }
            guard let change = MetricChange.percent(update) else { return true }
            return (change < 0 ? -change : change) > percent
        case (.qualityFlag(let gained, let kind), .metric(let update)):
            let now = Set(update.quality.map(\.kind.rawValue))
            if let kind {
                return gained
                    ? now.contains(kind.rawValue) && !previousFlags.contains(kind.rawValue)
                    : !now.contains(kind.rawValue) && previousFlags.contains(kind.rawValue)
            }
            return gained ? !now.subtracting(previousFlags).isEmpty : !previousFlags.subtracting(now).isEmpty
        case (.grade(let direction), .grade(let change)):
            guard change.previous?.id != change.current?.id else { return false }
            let up: Bool
            switch (change.previous, change.current) {
            case (nil, .some): up = true
            case (.some, nil): up = false
            case (.some(let before), .some(let after)):
                guard let rankBefore = gradeRank(before.id), let rankAfter = gradeRank(after.id) else {
                    return direction == .any
                }
                up = rankAfter < rankBefore
            case (nil, nil): return false
            }
            switch direction {
            case .up: return up
            case .down: return !up
            case .any: return true
            }
        case (.highTechEligible(let gained), .highTech(let change)):
            let was = change.previousEligibility == .eligible
            let now = change.eligibility == .eligible
            return gained ? !was && now : was && !now
        case (.tierChanged(let to), .highTech(let change)):
            guard let previous = change.previousTier, previous != change.tier else { return false }
            return to.map { $0 == change.tier } ?? true
        case (.pointsMove(let amount), .score(let update)):
            guard let previous = update.previousPoints else { return false }
            let delta = update.points - previous
            return (delta < 0 ? -delta : delta) > amount
        default:
            return false
        }
    }
}
