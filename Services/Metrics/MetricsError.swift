/// Failures of the metrics service's start-up (settings, catalog, stored state).
public enum MetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A setting has a value that parses but makes no sense.
    case invalidSetting(name: String, value: String, reason: String)
    /// The catalog could not be loaded.
    case catalog(String)
    /// A stored fact could not be read back (its table and the unreadable value).
    case corruptFact(table: String, value: String)

    /// Explanation naming the setting or file.
    public var description: String {
        switch self {
        case let .invalidSetting(name, value, reason): "invalid \(name) = \(value): \(reason)"
        case let .catalog(reason): "catalog: \(reason)"
        case let .corruptFact(table, value): "unreadable value \"\(value)\" in table \(table)"
        }
    }
}
