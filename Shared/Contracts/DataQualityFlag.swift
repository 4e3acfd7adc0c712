import Foundation

/// A data-quality finding attached to a metric update, e.g. a reported figure that disagrees with the value
/// computed from filings and events for the same indicator and period.
public struct DataQualityFlag: Codable, Sendable, Hashable, CustomStringConvertible {
    /// What kind of finding.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Reported and computed values for the same indicator, period and scope differ.
        case reportedComputedMismatch = "reported_computed_mismatch"
        /// A reported `at_least` figure is above the computed value (the report claims more than the data shows).
        case reportedAboveComputed = "reported_above_computed"
    }

    /// The finding.
    public var kind: Kind
    /// The reported value, exact (JSON number).
    public var reported: Decimal?
    /// The computed value, exact (JSON number).
    public var computed: Decimal?
    /// A sentence for people (Chinese first, English beside it).
    public var message: String

    /// Creates a flag.
    public init(kind: Kind, reported: Decimal?, computed: Decimal?, message: String) {
        self.kind = kind
        self.reported = reported
        self.computed = computed
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
