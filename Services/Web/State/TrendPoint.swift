import Foundation

/// One value of an indicator key over time: the metrics-stream sequence and the value it set.
public struct TrendPoint: Codable, Sendable, Hashable {
    /// Metrics-stream sequence of the update.
    public var sequence: UInt64
    /// The value it set.
    public var value: Decimal

    /// Creates a point.
    public init(sequence: UInt64, value: Decimal) {
        self.sequence = sequence
        self.value = value
    }
}
