import Domain
import Foundation

/// The points scale of a scheme: 100, 130 (100 base + 30 bonus), 1 000, or open.
public struct SchemeScale: Sendable, Hashable, CustomStringConvertible {
    /// What the weights of the base indicators sum to in every stage, or `nil` for an open scale (no check).
    public var base: Decimal?
    /// The most the bonus (加分) categories add together, or `nil` for no limit beyond their own caps.
    public var bonusCap: Decimal?
    /// The most a total can be, or `nil` for no limit.
    public var max: Decimal?

    /// Creates a scale.
    public init(base: Decimal?, bonusCap: Decimal? = nil, max: Decimal? = nil) {
        self.base = base
        self.bonusCap = bonusCap
        self.max = max
    }

    /// An open scale: no declared sum and no cap (e.g. Changzhou's).
    public static let open = SchemeScale(base: nil)

    /// A closed scale whose weights sum to `points`, which is also the maximum.
    public static func closed(_ points: Decimal) -> SchemeScale {
        SchemeScale(base: points, max: points)
    }

    /// `base 100, bonus ≤ 30, max 130`, or `open`.
    public var description: String {
        guard base != nil || bonusCap != nil || max != nil else { return "open" }
        var parts: [String] = []
        if let base { parts.append("base \(DecimalText.string(base))") }
        if let bonusCap { parts.append("bonus ≤ \(DecimalText.string(bonusCap))") }
        if let max { parts.append("max \(DecimalText.string(max))") }
        return parts.joined(separator: ", ")
    }
}
