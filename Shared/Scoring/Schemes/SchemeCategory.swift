import Foundation

/// A first-level indicator (一级指标) grouping indicators, e.g. 技术创新; base or bonus (加分).
public struct SchemeCategory: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `"tech"`.
    public var id: String
    /// Chinese name, e.g. `技术创新`.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// Base or bonus.
    public var kind: CategoryKind
    /// The points the category's indicator weights sum to per stage, when declared (validated).
    public var declaredPoints: StageWeights?
    /// The most points the category can give, or `nil` for no cap.
    public var cap: Decimal?
    /// The indicators, in order.
    public var indicators: [SchemeIndicator]

    /// Creates a category.
    public init(
        id: String, nameZh: String, nameEn: String, kind: CategoryKind = .base,
        declaredPoints: StageWeights? = nil, cap: Decimal? = nil, indicators: [SchemeIndicator]
    ) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.kind = kind
        self.declaredPoints = declaredPoints
        self.cap = cap
        self.indicators = indicators
    }
}
