import Domain

/// Something the extractor noticed but could not settle, e.g. a figure no catalog indicator recognises.
public struct ExtractionWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A figure whose subject matches no catalog indicator (kept with `indicatorID == nil`).
        case unmatchedIndicator = "unmatched_indicator"
        /// A figure whose subject could not be read from its clause.
        case emptySubject = "empty_subject"
    }

    /// The kind of problem.
    public var kind: Kind
    /// A human-readable explanation naming the figure.
    public var message: String
    /// Where in the original text (Unicode-scalar offsets).
    public var span: TextSpan

    /// Creates a warning.
    public init(kind: Kind, message: String, span: TextSpan) {
        self.kind = kind
        self.message = message
        self.span = span
    }

    /// `message` with its offsets.
    public var description: String {
        "\(kind.rawValue) [\(span.start)..<\(span.end)]: \(message)"
    }
}
