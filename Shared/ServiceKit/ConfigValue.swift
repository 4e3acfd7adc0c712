/// A resolved configuration value that remembers its name and where it came from, for the start-up log line.
public struct ConfigValue<Value: Sendable>: Sendable {
    /// Setting name as shown in logs, e.g. `run_dir`.
    public let name: String
    /// The resolved value.
    public let value: Value
    /// Which layer supplied it.
    public let source: ConfigSource

    /// Creates a resolved value.
    public init(name: String, value: Value, source: ConfigSource) {
        self.name = name
        self.value = value
        self.source = source
    }
}

extension ConfigValue: Equatable where Value: Equatable {}
