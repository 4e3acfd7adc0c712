/// Failures that stop `kechuang-scoring` from starting.
public enum ScoringError: Error, Sendable, CustomStringConvertible {
    /// A setting has an impossible value.
    case invalidSetting(name: String, value: String, reason: String)
    /// The catalog (or its override) is invalid.
    case catalog(String)
    /// No scheme folder was found or it holds no scheme file.
    case noSchemes(folder: String)
    /// The scheme files are invalid: every problem with file, line and reason.
    case invalidSchemes(String)

    /// Explanation for logs and the supervisor.
    public var description: String {
        switch self {
        case let .invalidSetting(name, value, reason): "invalid setting \(name)=\(value): \(reason)"
        case let .catalog(message): "catalog: \(message)"
        case let .noSchemes(folder): "no scheme files (*.yaml) in \(folder)"
        case let .invalidSchemes(message): "invalid scheme files:\n\(message)"
        }
    }
}
