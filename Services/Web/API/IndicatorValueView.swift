import Contracts
import Domain
import Foundation

/// One value of an indicator as the API and the pages show it.
public struct IndicatorValueView: Codable, Sendable, Hashable {
    /// Exact value as text, e.g. `2.88` (kept exact: never a binary float).
    public var value: String
    /// Unit symbol (亿元, 家 …).
    public var unit: String
    /// Period (`2024`, `2024-01..2024-11`, `asof:2024-12-31`, `total`).
    public var period: String
    /// Scope (`county`, `town:…`, `scheme:…`).
    public var scope: String
    /// `reported` (from a report) or `computed` (from filings and events).
    public var source: String
    /// The report's qualifier (exact, at_least, projected …) for reported values.
    public var qualifier: String?
    /// Progress toward the period's target in percent, exact, when a target exists.
    public var targetProgressPercent: String?
    /// The target for the period, when the catalog has one.
    public var target: String?
    /// Data-quality findings (messages, Chinese first); empty when none.
    public var quality: [String]
    /// Metrics-stream sequence of the update that set it.
    public var sequence: UInt64

    /// The view of `update` (set at `sequence`), with the catalog's target for its period.
    public init(update: MetricUpdate, sequence: UInt64, indicator: Indicator?) {
        value = DecimalText.string(update.value)
        unit = update.unit.rawValue
        period = update.key.period
        scope = update.key.scope.rawValue
        source = update.key.source.rawValue
        qualifier = update.qualifier?.rawValue
        targetProgressPercent = update.targetProgressPercent.map(DecimalText.string)
        target = indicator?.target(for: update.key.period).map { DecimalText.string($0.value) }
        quality = update.quality.map(\.message)
        self.sequence = sequence
    }
}
