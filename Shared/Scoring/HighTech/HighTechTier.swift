/// The cultivation tier of the 高企培育库 (分类分档).
public enum HighTechTier: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    /// A: eligible now.
    case a = "A"
    /// B: every known gap is within reach (see ``HighTechTierRules``).
    case b = "B"
    /// C: long-term cultivation.
    case c = "C"

    /// The Chinese label.
    public var nameZh: String {
        switch self {
        case .a: "A类（已符合条件）"
        case .b: "B类（差距可及）"
        case .c: "C类（长期培育）"
        }
    }

    /// The English label.
    public var nameEn: String {
        switch self {
        case .a: "A (eligible now)"
        case .b: "B (gaps within reach)"
        case .c: "C (long-term cultivation)"
        }
    }

    /// A before B before C.
    public static func < (lhs: HighTechTier, rhs: HighTechTier) -> Bool { lhs.rawValue < rhs.rawValue }
}
