import Foundation

/// One condition on a label, as in routes and silences: `name=value`, `name!=value`, `name=~regex`, `name!~regex`
/// (a regular expression matches the whole value).
public struct LabelMatcher: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How the value is compared.
    public enum Operation: String, Sendable, Hashable, Codable {
        /// Equal.
        case equal = "="
        /// Not equal.
        case notEqual = "!="
        /// Matches the whole regular expression.
        case matches = "=~"
        /// Does not match it.
        case notMatches = "!~"
    }

    /// Why a matcher text is refused.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// No operator found.
        case noOperator(String)
        /// Empty label name.
        case emptyName(String)
        /// The regular expression does not compile.
        case badExpression(String)

        /// The reason in words.
        public var description: String {
            switch self {
            case .noOperator(let text): "\"\(text)\" is not name=value, name!=value, name=~regex or name!~regex"
            case .emptyName(let text): "\"\(text)\" has no label name"
            case .badExpression(let text): "\"\(text)\" is not a valid regular expression"
            }
        }
    }

    /// Label name.
    public var name: String
    /// Operation.
    public var operation: Operation
    /// Value or expression.
    public var value: String

    /// Creates a matcher.
    /// - Throws: ``Problem/badExpression(_:)`` for a regular expression that does not compile.
    public init(name: String, operation: Operation, value: String) throws(Problem) {
        self.name = name
        self.operation = operation
        self.value = value
        if operation == .matches || operation == .notMatches {
            guard (try? NSRegularExpression(pattern: "^(?:\(value))$")) != nil else { throw .badExpression(value) }
        }
    }

    /// Parses `name=value`, `name!=value`, `name=~regex` or `name!~regex`.
    /// - Throws: ``Problem``.
    public init(parsing text: String) throws(Problem) {
        let operators: [(String, Operation)] = [("=~", .matches), ("!~", .notMatches), ("!=", .notEqual), ("=", .equal)]
        var best: (Range<String.Index>, Operation)?
        for (symbol, operation) in operators {
            guard let range = text.range(of: symbol) else { continue }
            if let current = best, current.0.lowerBound <= range.lowerBound { continue }
            best = (range, operation)
        }
        guard let (range, operation) = best else { throw .noOperator(text) }
        let name = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .emptyName(text) }
        try self.init(name: name, operation: operation, value: String(text[range.upperBound...]))
    }

    /// Whether `labels` satisfy the matcher (a missing label counts as the empty string).
    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[name] ?? ""
        switch operation {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .matches, .notMatches:
            let found = actual.range(of: "^(?:\(value))$", options: .regularExpression) != nil
            return operation == .matches ? found : !found
        }
    }

    /// `name=value` (the form it parses from).
    public var description: String { "\(name)\(operation.rawValue)\(value)" }
}
