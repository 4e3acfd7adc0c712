/// Where a resolved configuration value came from (precedence: flag > environment > default).
public enum ConfigSource: Sendable, Equatable, CustomStringConvertible {
    /// A command-line flag, e.g. `--run-dir`.
    case flag(String)
    /// An environment variable, e.g. `KECHUANG_RUN_DIR`.
    case environment(String)
    /// The built-in default.
    case defaultValue

    /// `flag --run-dir`, `env KECHUANG_RUN_DIR` or `default`.
    public var description: String {
        switch self {
        case let .flag(name): return "flag \(name)"
        case let .environment(name): return "env \(name)"
        case .defaultValue: return "default"
        }
    }
}
