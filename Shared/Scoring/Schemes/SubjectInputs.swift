import Foundation

/// One subject's data as a scheme sees it: named numeric input values (absent = not reported) and text
/// attributes (industry, town) for cohorts.
public struct SubjectInputs: Sendable, Hashable {
    /// The subject's id (a credit code, a record id).
    public var subjectID: String
    /// Named input values; a name that is absent is missing data.
    public var values: [String: Decimal]
    /// Text attributes such as `industry` and `town`.
    public var attributes: [String: String]

    /// Creates a subject's inputs.
    public init(subjectID: String, values: [String: Decimal], attributes: [String: String] = [:]) {
        self.subjectID = subjectID
        self.values = values
        self.attributes = attributes
    }
}
