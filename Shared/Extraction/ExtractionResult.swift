import Domain

/// What ``ReportExtractor/extract(_:defaultPeriod:documentID:)`` found in one report.
public struct ExtractionResult: Sendable, Hashable {
    /// Every figure of the report, in text order. `span` holds Unicode-scalar offsets into the original text
    /// and `phrase` is exactly the original text in that span (line breaks included).
    public var observations: [ReportedObservation]
    /// Problems worth a look (figures without an indicator …), in text order.
    public var warnings: [ExtractionWarning]

    /// Creates a result.
    public init(observations: [ReportedObservation], warnings: [ExtractionWarning] = []) {
        self.observations = observations
        self.warnings = warnings
    }
}
