import Foundation

/// The latest metric update of one key within an applied batch, as `metric_value` stores it: the stream entry's
/// topic, sequence and exact header and body frames. ``MetricsStore`` keeps one per key while a batch is applied and
/// writes each once when the batch ends.
struct CurrentValueRow: Sendable {
    /// The update's topic (`metric.<indicator>`).
    var topic: String
    /// Its metrics stream sequence.
    var sequence: UInt64
    /// The header frame as published.
    var header: Data
    /// The body frame as published.
    var body: Data
}
