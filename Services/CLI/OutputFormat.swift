import ArgumentParser

/// How a command prints its results: an aligned table for people or JSON for programs.
enum OutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Aligned columns, Chinese names with English beside them.
    case table
    /// JSON (one object per line for streams).
    case json
}
