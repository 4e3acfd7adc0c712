import Contracts
import Domain
import Foundation

/// Arithmetic on a metric update's value and previous value, shared by the conditions and the fields.
public enum MetricChange {
    /// The change in percent of the previous value (`(value − previous) / |previous| × 100`); `nil` without a
    /// previous value or when it is zero.
    public static func percent(_ update: MetricUpdate) -> Decimal? {
        guard let previous = update.previousValue, previous != 0 else { return nil }
        let magnitude = previous < 0 ? -previous : previous
        return (update.value - previous).divided(by: magnitude) * 100
    }

    /// The target progress before this update, derived from the current progress and the value ratio
    /// (progress is proportional to the value for a fixed target): `progress × previous / value`.
    /// `nil` without progress or previous value; 0 when the previous value is 0.
    public static func previousTargetPercent(_ update: MetricUpdate) -> Decimal? {
        guard let progress = update.targetProgressPercent, let previous = update.previousValue else { return nil }
        if previous == 0 { return 0 }
        guard update.value != 0 else { return nil }
        return (progress * previous).divided(by: update.value)
    }
}
