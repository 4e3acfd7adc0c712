import YAMLReading

/// Reads a scheme file's YAML nodes, recording a ``SchemeError`` (file, line, location, typed problem) for every
/// problem instead of stopping at the first.
typealias SchemeNodeReader = YAMLNodeReader<SchemeProblem>

extension SchemeProblem: YAMLProblem {
    /// A scheme problem at its place in the file.
    public static func located(file: String, line: Int, column: Int, location: String, problem: SchemeProblem) -> SchemeError {
        SchemeError(file: file, line: line, column: column, location: location, problem: problem)
    }
}
