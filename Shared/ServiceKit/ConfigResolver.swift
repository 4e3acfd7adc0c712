import Foundation
import Logging
import Synchronization

/// Resolves each setting once at the entry point with precedence flag > environment > default, and records what it
/// resolved so the service can log one start-up line naming every value and its source.
///
/// The environment is injected (tests pass a dictionary; services pass the process environment). An environment
/// variable set to the empty string counts as unset.
public final class ConfigResolver: Sendable {
    /// The environment consulted for the middle layer.
    public let environment: [String: String]
    private let records = Mutex<[ResolvedSetting]>([])

    /// Creates a resolver reading `environment` (defaults to the process environment).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Resolves a setting whose flag value ArgumentParser already parsed.
    ///
    /// - Parameters:
    ///   - name: setting name for logs and errors, e.g. `log_level`.
    ///   - flag: the flag's parsed value, or `nil` when the flag was not given.
    ///   - flagName: the flag as typed, e.g. `--log-level` (for the source label).
    ///   - environmentKey: the environment variable consulted when the flag is absent, or `nil` for none.
    ///   - defaultValue: used when neither is set.
    /// - Throws: ``ConfigurationError`` naming the environment variable and its bad value.
    public func resolve<T: ConfigValueParsable>(
        _ name: String, flag: T?, flagName: String, environmentKey: String?, default defaultValue: T
    ) throws -> ConfigValue<T> {
        let resolved: ConfigValue<T>
        if let flag {
            resolved = ConfigValue(name: name, value: flag, source: .flag(flagName))
        } else if let fromEnvironment: ConfigValue<T> = try environmentValue(name, key: environmentKey) {
            resolved = fromEnvironment
        } else {
            resolved = ConfigValue(name: name, value: defaultValue, source: .defaultValue)
        }
        record(resolved)
        return resolved
    }

    /// Resolves a setting whose flag arrives as raw text (parsed here with the same rules as the environment).
    /// - Throws: ``ConfigurationError`` naming the flag or environment variable and the bad value.
    public func resolve<T: ConfigValueParsable>(
        _ name: String, rawFlag: String?, flagName: String, environmentKey: String?, default defaultValue: T
    ) throws -> ConfigValue<T> {
        var parsedFlag: T?
        if let rawFlag {
            guard let parsed = T.parseConfig(rawFlag) else {
                throw ConfigurationError(setting: name, source: .flag(flagName), value: rawFlag, expected: T.expectedConfigFormat)
            }
            parsedFlag = parsed
        }
        return try resolve(name, flag: parsedFlag, flagName: flagName, environmentKey: environmentKey, default: defaultValue)
    }

    /// Every setting resolved so far, in resolution order.
    public var resolvedSettings: [ResolvedSetting] {
        records.withLock { $0 }
    }

    /// The resolved settings as log metadata: `name` → `"value (source)"`, for one start-up log line.
    public var startupMetadata: Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        for setting in resolvedSettings {
            metadata[setting.name] = .string("\(setting.value) (\(setting.source))")
        }
        return metadata
    }

    private func environmentValue<T: ConfigValueParsable>(_ name: String, key: String?) throws -> ConfigValue<T>? {
        guard let key, let text = environment[key], !text.isEmpty else { return nil }
        guard let parsed = T.parseConfig(text) else {
            throw ConfigurationError(setting: name, source: .environment(key), value: text, expected: T.expectedConfigFormat)
        }
        return ConfigValue(name: name, value: parsed, source: .environment(key))
    }

    private func record<T: ConfigValueParsable>(_ value: ConfigValue<T>) {
        let summary = ResolvedSetting(name: value.name, value: value.value.configDescription, source: value.source)
        records.withLock { records in
            records.removeAll { $0.name == summary.name }
            records.append(summary)
        }
    }
}
