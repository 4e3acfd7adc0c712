import Foundation
import JSONText

/// The ordering key of a ranked subject: more points first, then subject id ascending (the tie order).
///
/// Points are compared through an exact integer key (points × 10^20, ``JSONText/DecimalParts/scaledBy1e20``) when
/// both sides have one — `Decimal`'s own comparison normalises through variable-length integers and was most of
/// the cost of a ranking update (docs/performance.md) — and as `Decimal`s otherwise. Both give the same order.
struct RankKey: Comparable, Sendable {
    /// The subject's points.
    let points: Decimal
    /// The subject id.
    let subject: String
    /// `points × 10^20` when exact, else ``inexact``.
    private let order: Int128

    /// No exact integer key (an `Int128.min` is never a scaled key: 2^127 is no multiple of ten).
    private static let inexact = Int128.min

    init(points: Decimal, subject: String) {
        self.points = points
        self.subject = subject
        order = DecimalParts(points)?.scaledBy1e20 ?? Self.inexact
    }

    /// Whether `self` has strictly more points than `other`.
    func hasMorePoints(than other: RankKey) -> Bool {
        if order != Self.inexact, other.order != Self.inexact { return order > other.order }
        return points > other.points
    }

    /// Whether both have the same points.
    func hasSamePoints(as other: RankKey) -> Bool {
        if order != Self.inexact, other.order != Self.inexact { return order == other.order }
        return points == other.points
    }

    static func < (lhs: RankKey, rhs: RankKey) -> Bool {
        if lhs.hasSamePoints(as: rhs) { return lhs.subject < rhs.subject }
        return lhs.hasMorePoints(than: rhs)
    }

    static func == (lhs: RankKey, rhs: RankKey) -> Bool {
        lhs.hasSamePoints(as: rhs) && lhs.subject == rhs.subject
    }
}
