/// One problem in a notification rules file: where (file, line, column, the path of the field) and why.
///
/// Printed as `notify-rules.yaml:12:5: rules[2].when: unknown condition "crosses" (…)`, so an officer editing the
/// file finds the line at once.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as given to the loader.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// The field path, e.g. `rules[2].when` (empty for the whole file).
    public var location: String
    /// Why it is wrong (English, with the offending value).
    public var reason: String

    /// Creates an error.
    public init(file: String, line: Int, column: Int = 1, location: String, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.location = location
        self.reason = reason
    }

    /// `file:line:column: location: reason`.
    public var description: String {
        location.isEmpty ? "\(file):\(line):\(column): \(reason)" : "\(file):\(line):\(column): \(location): \(reason)"
    }
}

/// Every problem found in one rules file (the loader reports them all, not just the first).
public struct RuleErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in file order.
    public var errors: [RuleError]

    /// Wraps the problems.
    public init(_ errors: [RuleError]) {
        self.errors = errors
    }

    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
