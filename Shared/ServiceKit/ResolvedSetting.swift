/// One line of the start-up configuration summary: a setting, its rendered value and its source.
public struct ResolvedSetting: Sendable, Equatable {
    /// Setting name, e.g. `run_dir`.
    public let name: String
    /// Rendered value.
    public let value: String
    /// Which layer supplied it.
    public let source: ConfigSource

    /// Creates a summary entry.
    public init(name: String, value: String, source: ConfigSource) {
        self.name = name
        self.value = value
        self.source = source
    }
}
