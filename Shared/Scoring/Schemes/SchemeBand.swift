import Foundation

/// A named band of values: a revenue band of a cohort (种子期 < ¥1 M …) or a points grade (A ≥ 85 …).
public struct SchemeBand: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `"seed"` or `"A"`.
    public var id: String
    /// Chinese name, e.g. `种子期`.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// The values the band covers.
    public var range: ValueBand

    /// Creates a named band.
    public init(id: String, nameZh: String, nameEn: String, range: ValueBand) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.range = range
    }
}
