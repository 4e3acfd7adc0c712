/// A configuration value that could not be parsed; names the flag or environment variable and the bad value.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The setting name, e.g. `log_level`.
    public let setting: String
    /// Where the bad value came from (flag or environment variable).
    public let source: ConfigSource
    /// The rejected text.
    public let value: String
    /// What would have been accepted.
    public let expected: String

    /// Creates an error.
    public init(setting: String, source: ConfigSource, value: String, expected: String) {
        self.setting = setting
        self.source = source
        self.value = value
        self.expected = expected
    }

    /// e.g. `invalid value "loud" for log_level from env KECHUANG_LOG_LEVEL: expected one of trace, debug, …`.
    public var description: String {
        "invalid value \"\(value)\" for \(setting) from \(source): expected \(expected)"
    }
}
