/// The rule a ``FilingViolation`` breaks.
public enum FilingRule: String, Codable, Sendable, CaseIterable {
    /// A required field is absent or empty.
    case missing
    /// A field has the wrong type or an unparsable value (e.g. a bad credit code).
    case invalidValue
    /// An amount or count that cannot be negative is negative.
    case negative
    /// A part is larger than its total (R&D staff > total staff).
    case exceedsTotal
    /// A share is over 100 % (domestic R&D > R&D, high-tech revenue > revenue).
    case shareOver100
    /// The filing year is after the current year.
    case yearInFuture
    /// Two fields contradict each other.
    case inconsistent
}
