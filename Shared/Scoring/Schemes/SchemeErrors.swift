import Foundation

/// Every problem found in one or more scheme files, in file and line order. A service refuses to start with any.
public struct SchemeErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, sorted by file, line and column (problems at one place keep the order they were found in).
    public var errors: [SchemeError]

    /// Creates the collection, sorting the problems.
    public init(_ errors: [SchemeError]) {
        self.errors = errors.enumerated()
            .sorted { ($0.element.file, $0.element.line, $0.element.column, $0.offset)
                < ($1.element.file, $1.element.line, $1.element.column, $1.offset) }
            .map(\.element)
    }

    /// One problem per line.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
