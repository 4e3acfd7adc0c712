import Domain
import Foundation

/// How an indicator's raw value becomes a normalised value between 0 and 1 (points = normalised × weight).
public enum Normalisation: Sendable, Hashable, CustomStringConvertible {
    /// Capped linear: 0 at or below `floor`, rising linearly to 1 at `reference` (the value earning full marks),
    /// 1 above it. `normalised = min(max((raw − floor) ÷ (reference − floor), 0), 1)`.
    case linear(floor: Decimal, reference: Decimal)
    /// Percentile rank within the subject's cohort: the share of the cohort's values that are ≤ the subject's
    /// value (the subject counted), so the best gets 1 and, in a cohort of n, the worst 1/n. Needs the cohort:
    /// computed from a ``CohortPercentiles``.
    case percentile
    /// Threshold bands: the value of the last step whose `min` ≤ raw; 0 below the first step.
    case bands([NormalisationStep])

    /// The written type names, for messages.
    public static let typeNames = ["linear", "percentile", "bands"]

    /// Whether the normalised value depends on the cohort.
    public var needsCohort: Bool {
        if case .percentile = self { return true }
        return false
    }

    /// The normalised value of `raw` when it depends on the subject alone; `nil` for ``percentile``.
    public func normalise(_ raw: Decimal) -> Decimal? {
        switch self {
        case .linear(let floor, let reference):
            if !floor.precedes(raw) { return 0 }
            if !raw.precedes(reference) { return 1 }
            return raw.subtracting(floor).divided(by: reference.subtracting(floor))
        case .percentile:
            return nil
        case .bands(let steps):
            return steps.last { !raw.precedes($0.min) }?.value ?? 0
        }
    }

    /// `linear 0→6`, `percentile`, `bands ≥1:0.4 ≥3:0.7`.
    public var description: String {
        switch self {
        case .linear(let floor, let reference):
            "linear \(DecimalText.string(floor))→\(DecimalText.string(reference))"
        case .percentile:
            "percentile"
        case .bands(let steps):
            "bands " + steps.map { "≥\(DecimalText.string($0.min)):\(DecimalText.string($0.value))" }.joined(separator: " ")
        }
    }
}
