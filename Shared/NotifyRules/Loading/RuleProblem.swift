import Foundation
import YAMLReading

/// What is wrong at one place of a rules file, as the sentence a ``RuleError`` carries.
public struct RuleProblem: YAMLProblem, Hashable {
    /// Why it is wrong (English, with the offending value).
    public var reason: String

    /// A problem with its sentence.
    public init(_ reason: String) {
        self.reason = reason
    }

    /// The problem at its place in the file.
    public static func located(file: String, line: Int, column: Int, location: String, problem: RuleProblem) -> RuleError {
        RuleError(file: file, line: line, column: column, location: location, reason: problem.reason)
    }

    /// "expected …" (a mapping is explained as `key: value` lines, a number with examples).
    public static func wrongType(expected: String) -> RuleProblem {
        switch expected {
        case "a mapping": RuleProblem("expected a mapping (key: value lines)")
        case "a number": RuleProblem(numberExpected)
        default: RuleProblem("expected \(expected)")
        }
    }

    /// The unknown field and the allowed ones.
    public static func unknownField(_ key: String, allowed: [String]) -> RuleProblem {
        RuleProblem("unknown field \"\(key)\" (allowed: \(allowed.joined(separator: ", ")))")
    }

    /// The missing field.
    public static func missingField(_ key: String) -> RuleProblem {
        RuleProblem("missing field \"\(key)\"")
    }

    /// A number was expected (with examples).
    public static func notANumber(_ text: String) -> RuleProblem {
        RuleProblem(numberExpected)
    }

    /// A whole number was expected.
    public static func notAnInteger(_ text: String) -> RuleProblem {
        RuleProblem("expected a whole number")
    }

    /// The negative value found.
    public static func negative(field: String, value: Decimal) -> RuleProblem {
        RuleProblem("must not be negative (got \(value))")
    }

    /// The text that is not an id, and what an id is.
    public static func invalidID(_ text: String) -> RuleProblem {
        RuleProblem("\"\(text)\" is not an id (ASCII letters, digits, _ - ., starting with a letter or digit)")
    }

    private static let numberExpected = "expected a number, e.g. 80 or 1.5"
}
