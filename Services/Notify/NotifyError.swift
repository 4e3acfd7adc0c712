/// Failures of `kechuang-notify`: at start-up (settings, rules) and at delivery (per receiver, recorded on the
/// delivery, never fatal).
public enum NotifyError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A setting has an impossible value.
    case invalidSetting(name: String, value: String, reason: String)
    /// The rules file is invalid: every problem with file, line and reason.
    case invalidRules(String)
    /// No rules file was given and none was found next to the executable or in the source tree.
    case noRulesFile
    /// The stored engine state does not decode.
    case corruptState(String)
    /// A receiver's URL or secret is missing (names the variable or file, never the value).
    case missingSecret(String)
    /// A delivery attempt failed (status, timeout, refused …); retried with back-off.
    case deliveryFailed(String)

    /// Explanation for logs, replies and the supervisor.
    public var description: String {
        switch self {
        case let .invalidSetting(name, value, reason): "invalid setting \(name)=\(value): \(reason)"
        case let .invalidRules(message): "invalid rules file:\n\(message)"
        case .noRulesFile: "no rules file: give --rules FILE or KECHUANG_NOTIFY_RULES"
        case let .corruptState(reason): "stored notify state is unreadable: \(reason)"
        case let .missingSecret(what): "\(what) is not available"
        case let .deliveryFailed(reason): reason
        }
    }
}
