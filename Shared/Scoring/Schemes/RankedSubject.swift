import Foundation

/// One line of a cohort ranking listing.
public struct RankedSubject: Sendable, Hashable {
    /// The subject's id.
    public var subject: String
    /// Its points.
    public var points: Decimal
    /// Its competition rank (equal points share the better rank: 1, 2, 2, 4).
    public var rank: Int

    /// Creates a line.
    public init(subject: String, points: Decimal, rank: Int) {
        self.subject = subject
        self.points = points
        self.rank = rank
    }
}
