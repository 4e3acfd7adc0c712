import Foundation

/// Why an indicator has no raw value (kept in the breakdown so `explain` can say what data was missing).
public enum MissingReason: Sendable, Hashable, CustomStringConvertible {
    /// These inputs were not reported.
    case absent([String])
    /// The ratio's denominator input is zero.
    case zeroDenominator(String)

    /// `not reported: rdStaff` or `rdExpense / 0: operatingRevenue is zero`.
    public var description: String {
        switch self {
        case .absent(let inputs): "not reported: \(inputs.joined(separator: ", "))"
        case .zeroDenominator(let input): "ratio undefined: \(input) is zero"
        }
    }
}
