/// Failures of the metrics service's start-up.
public enum MetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A setting has a value that parses but makes no sense.
    case invalidSetting(name: String, value: String, reason: String)
    /// The catalog could not be loaded.
    case catalog(String)

    /// Explanation naming the setting or file.
    public var description: String {
        switch self {
        case let .invalidSetting(name, value, reason): "invalid \(name) = \(value): \(reason)"
        case let .catalog(reason): "catalog: \(reason)"
        }
    }
}
