import Foundation

/// A category's points in a score.
public struct CategoryScore: Sendable, Hashable {
    /// The category's id.
    public var categoryID: String
    /// Chinese name.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// Base or bonus.
    public var kind: CategoryKind
    /// The sum of its indicators' points.
    public var uncapped: Decimal
    /// The category cap, if any.
    public var cap: Decimal?
    /// The points it contributes: `uncapped`, limited by `cap`.
    public var points: Decimal

    /// Creates a category score.
    public init(
        categoryID: String, nameZh: String, nameEn: String, kind: CategoryKind, uncapped: Decimal, cap: Decimal?,
        points: Decimal
    ) {
        self.categoryID = categoryID
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.kind = kind
        self.uncapped = uncapped
        self.cap = cap
        self.points = points
    }
}
