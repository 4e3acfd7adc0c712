import Logging

/// A type that can be read from an environment variable or raw flag text.
public protocol ConfigValueParsable: Sendable {
    /// Parses `text`, or returns `nil` when it is not a valid value.
    static func parseConfig(_ text: String) -> Self?
    /// Describes accepted text for error messages, e.g. `an integer`.
    static var expectedConfigFormat: String { get }
    /// The value as shown in the start-up log line.
    var configDescription: String { get }
}

extension String: ConfigValueParsable {
    /// Any text is accepted.
    public static func parseConfig(_ text: String) -> String? { text }
    /// `text`.
    public static var expectedConfigFormat: String { "text" }
    /// The text itself.
    public var configDescription: String { self }
}

extension Int: ConfigValueParsable {
    /// Decimal integer, optional leading sign, `_` separators allowed.
    public static func parseConfig(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: ""))
    }
    /// `an integer`.
    public static var expectedConfigFormat: String { "an integer" }
    /// Decimal rendering.
    public var configDescription: String { String(self) }
}

extension UInt64: ConfigValueParsable {
    /// Decimal non-negative integer, `_` separators allowed.
    public static func parseConfig(_ text: String) -> UInt64? {
        UInt64(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: ""))
    }
    /// `a non-negative integer`.
    public static var expectedConfigFormat: String { "a non-negative integer" }
    /// Decimal rendering.
    public var configDescription: String { String(self) }
}

extension Bool: ConfigValueParsable {
    /// `true/false`, `yes/no`, `on/off`, `1/0` (case-insensitive).
    public static func parseConfig(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: return nil
        }
    }
    /// `true or false`.
    public static var expectedConfigFormat: String { "true or false (also yes/no, on/off, 1/0)" }
    /// `true` / `false`.
    public var configDescription: String { self ? "true" : "false" }
}

extension Logger.Level: ConfigValueParsable {
    /// A swift-log level name (case-insensitive); `warn` is accepted for `warning`.
    public static func parseConfig(_ text: String) -> Logger.Level? {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        return lowered == "warn" ? .warning : Logger.Level(rawValue: lowered)
    }
    /// The list of level names.
    public static var expectedConfigFormat: String {
        "one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
    }
    /// The level name.
    public var configDescription: String { rawValue }
}
