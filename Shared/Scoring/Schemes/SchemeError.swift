import Foundation

/// One problem in a scheme file: the file, the line (and column) and the reason.
public struct SchemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name or path the scheme came from.
    public var file: String
    /// 1-based line of the offending value (of its parent mapping when a field is missing).
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// Where in the scheme, e.g. `categories.tech.indicators.rd_intensity.weight`.
    public var location: String
    /// What is wrong.
    public var problem: SchemeProblem

    /// Creates an error.
    public init(file: String, line: Int, column: Int = 1, location: String, problem: SchemeProblem) {
        self.file = file
        self.line = line
        self.column = column
        self.location = location
        self.problem = problem
    }

    /// `file:line: location: reason`, e.g.
    /// `innovation-points-2024.yaml:42: categories.tech.indicators.rd_intensity.normalisation.type: unknown normalisation "log" (known: linear, percentile, bands)`.
    public var description: String {
        location.isEmpty ? "\(file):\(line): \(problem)" : "\(file):\(line): \(location): \(problem)"
    }
}
