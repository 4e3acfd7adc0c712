import Contracts
import Domain
import Foundation

/// Compares a reported figure with the value computed for the same indicator, period and scope.
public enum DataQualityCheck {
    /// The findings for a reported value (with its qualifier) against a computed value (same unit).
    /// Projected, planned and growth-rate figures are not compared (they do not state the actual level).
    public static func flags(reported: Decimal, qualifier: Qualifier?, computed: Decimal) -> [DataQualityFlag] {
        let shownReported = DecimalText.string(reported)
        let shownComputed = DecimalText.string(computed)
        switch qualifier ?? .exact {
        case .exact, .cumulative:
            guard reported != computed else { return [] }
            return [DataQualityFlag(
                kind: .reportedComputedMismatch, reported: reported, computed: computed,
                message: "报告值 \(shownReported) 与计算值 \(shownComputed) 不一致"
                    + "（reported \(shownReported) ≠ computed \(shownComputed)）")]
        case .atLeast:
            guard reported > computed else { return [] }
            return [DataQualityFlag(
                kind: .reportedAboveComputed, reported: reported, computed: computed,
                message: "报告称不少于 \(shownReported)，计算值仅 \(shownComputed)"
                    + "（reported at least \(shownReported), computed \(shownComputed)）")]
        case .projected, .planned, .growthRate:
            return []
        }
    }
}
