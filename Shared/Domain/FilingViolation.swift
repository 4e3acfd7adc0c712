/// One problem found in an enterprise filing, naming the field.
///
/// JSON: `{"field": "rdStaff", "rule": "exceedsTotal", "message": "rdStaff (研发人员) 120 exceeds totalStaff 100"}`.
public struct FilingViolation: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The JSON name of the offending field (`awards[1].name` for nested ones).
    public var field: String
    /// The rule broken.
    public var rule: FilingRule
    /// A human-readable message naming the field and the values.
    public var message: String

    /// Creates a violation.
    public init(field: String, rule: FilingRule, message: String) {
        self.field = field
        self.rule = rule
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// A required field is missing.
    public static func missing(_ field: String) -> FilingViolation {
        FilingViolation(field: field, rule: .missing, message: "\(field): required field is missing")
    }

    /// A field cannot be read.
    public static func invalid(_ field: String, _ reason: String) -> FilingViolation {
        FilingViolation(field: field, rule: .invalidValue, message: "\(field): \(reason)")
    }
}
