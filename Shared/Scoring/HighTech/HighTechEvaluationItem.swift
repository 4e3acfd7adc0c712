import Foundation

/// One item of the evaluation: its points as a range, a single value when the data decides it.
public struct HighTechEvaluationItem: Codable, Sendable, Hashable {
    /// Which item.
    public var kind: HighTechEvaluationItemKind
    /// The item's maximum.
    public var maximum: Decimal
    /// The points: `p...p` when known; `0...maximum` (or narrower, when part is known) otherwise.
    public var points: ClosedRange<Decimal>
    /// Why the points are not a single value (`nil` when they are).
    public var unknownReason: HighTechUnknownReason?

    /// Creates an item.
    public init(
        kind: HighTechEvaluationItemKind, maximum: Decimal, points: ClosedRange<Decimal>,
        unknownReason: HighTechUnknownReason? = nil
    ) {
        self.kind = kind
        self.maximum = maximum
        self.points = points
        self.unknownReason = unknownReason
    }

    /// A known item.
    static func known(_ kind: HighTechEvaluationItemKind, maximum: Decimal, points: Decimal) -> HighTechEvaluationItem {
        HighTechEvaluationItem(kind: kind, maximum: maximum, points: points...points)
    }

    /// An item about which nothing is known: anything from 0 to its maximum.
    static func unknown(
        _ kind: HighTechEvaluationItemKind, maximum: Decimal, _ reason: HighTechUnknownReason
    ) -> HighTechEvaluationItem {
        HighTechEvaluationItem(kind: kind, maximum: maximum, points: 0...maximum, unknownReason: reason)
    }

    /// Whether the points are a single value.
    public var isKnown: Bool { points.lowerBound == points.upperBound }
}
