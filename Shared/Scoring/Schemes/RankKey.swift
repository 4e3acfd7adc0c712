import Foundation

/// The ordering key of a ranked subject: more points first, then subject id ascending (the tie order).
///
/// Points are compared through an exact integer key (points × 10^20, ``OrderedDecimal``) when both sides have one —
/// `Decimal`'s own comparison normalises through variable-length integers and was most of the cost of a ranking
/// update (docs/performance.md) — and as `Decimal`s otherwise. Both give the same order.
struct RankKey: Comparable, Sendable {
    /// The points with their exact key.
    private let ordered: OrderedDecimal
    /// The subject id.
    let subject: String

    /// The subject's points.
    var points: Decimal { ordered.value }

    init(points: Decimal, subject: String) {
        ordered = OrderedDecimal(points)
        self.subject = subject
    }

    /// Whether `self` has strictly more points than `other`.
    func hasMorePoints(than other: RankKey) -> Bool {
        ordered.compare(other.ordered) > 0
    }

    /// Whether both have the same points.
    func hasSamePoints(as other: RankKey) -> Bool {
        ordered.compare(other.ordered) == 0
    }

    static func < (lhs: RankKey, rhs: RankKey) -> Bool {
        let order = lhs.ordered.compare(rhs.ordered)
        return order == 0 ? lhs.subject < rhs.subject : order > 0
    }

    static func == (lhs: RankKey, rhs: RankKey) -> Bool {
        lhs.hasSamePoints(as: rhs) && lhs.subject == rhs.subject
    }
}
