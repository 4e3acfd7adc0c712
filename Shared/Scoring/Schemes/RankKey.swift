import Foundation

/// The ordering key of a ranked subject: more points first, then subject id ascending (the tie order).
struct RankKey: Comparable, Sendable {
    var points: Decimal
    var subject: String

    static func < (lhs: RankKey, rhs: RankKey) -> Bool {
        if lhs.points != rhs.points { return lhs.points > rhs.points }
        return lhs.subject < rhs.subject
    }
}
