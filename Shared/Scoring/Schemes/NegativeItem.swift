import Foundation

/// A negative (负面) item: a deduction (扣分) or a veto (一票否决), triggered by a named input value.
public struct NegativeItem: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `"serious_dishonesty"`.
    public var id: String
    /// Chinese name, e.g. `严重失信`.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// The input value that triggers it.
    public var source: IndicatorSource
    /// The raw values that trigger it; `nil` means any value above 0.
    public var trigger: ValueBand?
    /// What it does when triggered.
    public var effect: NegativeEffect
    /// The most this item deducts, or `nil` for no cap.
    public var cap: Decimal?

    /// Creates a negative item.
    public init(
        id: String, nameZh: String, nameEn: String, source: IndicatorSource,
        trigger: ValueBand? = nil, effect: NegativeEffect, cap: Decimal? = nil
    ) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.source = source
        self.trigger = trigger
        self.effect = effect
        self.cap = cap
    }

    /// Whether a raw value triggers the item.
    public func isTriggered(by raw: Decimal) -> Bool {
        trigger?.contains(raw) ?? (raw > 0)
    }
}
