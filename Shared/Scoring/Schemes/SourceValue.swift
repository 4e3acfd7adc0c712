import Foundation

/// The outcome of reading an indicator's source from a subject's inputs.
public enum SourceValue: Sendable, Hashable {
    /// The raw value.
    case value(Decimal)
    /// No value, and why.
    case missing(MissingReason)
}
