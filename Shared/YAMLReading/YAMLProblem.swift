import Foundation

/// What a configuration file format says about the problems ``YAMLNodeReader`` finds, and how a located problem
/// becomes that format's error: scoring schemes keep typed problems (`SchemeProblem` → `SchemeError`), notification
/// rules plain sentences (`RuleProblem` → `RuleError`).
public protocol YAMLProblem: Sendable {
    /// The error type carrying the problem with its file, line, column and field path.
    associatedtype Located: Sendable

    /// `problem` at `file`:`line`:`column`, field path `location`.
    static func located(file: String, line: Int, column: Int, location: String, problem: Self) -> Located

    /// The node has another shape or type (`expected` is e.g. "a mapping", "a list", "a number").
    static func wrongType(expected: String) -> Self
    /// A mapping key outside the allowed ones.
    static func unknownField(_ key: String, allowed: [String]) -> Self
    /// A required field is absent.
    static func missingField(_ key: String) -> Self
    /// A scalar that is not a decimal number.
    static func notANumber(_ text: String) -> Self
    /// A scalar that is not a whole number.
    static func notAnInteger(_ text: String) -> Self
    /// A number below zero where none may be.
    static func negative(field: String, value: Decimal) -> Self
    /// Text that is not an id (ASCII letters, digits, `_ - .`, starting with a letter or digit).
    static func invalidID(_ text: String) -> Self
}
