/// Identifies one indicator value: indicator × period × scope × source.
///
/// Periods are strings: a year (`2024`), a month range within a year (`2024-01..2024-11`), or a cumulative
/// value as of a date (`asof:2024-12-31`); `total` stands for a cumulative figure whose report gives no period.
public struct MetricKey: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Catalog indicator id, e.g. `loan.granted_amount`.
    public var indicator: String
    /// Period string (see the type's documentation).
    public var period: String
    /// Scope.
    public var scope: MetricScope
    /// Reported or computed.
    public var source: MetricSource

    /// Creates a key.
    public init(indicator: String, period: String, scope: MetricScope = .county, source: MetricSource) {
        self.indicator = indicator
        self.period = period
        self.scope = scope
        self.source = source
    }

    /// Orders by indicator, period, scope, source.
    public static func < (lhs: MetricKey, rhs: MetricKey) -> Bool {
        (lhs.indicator, lhs.period, lhs.scope.rawValue, lhs.source.rawValue)
            < (rhs.indicator, rhs.period, rhs.scope.rawValue, rhs.source.rawValue)
    }

    /// `loan.granted_amount|2024|county|computed`.
    public var description: String { "\(indicator)|\(period)|\(scope)|\(source)" }
}
