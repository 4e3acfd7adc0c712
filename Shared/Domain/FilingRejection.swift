/// A filing that cannot be decoded or accepted, with every violation found.
public struct FilingRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The violations, each naming its field.
    public var violations: [FilingViolation]

    /// Creates a rejection.
    public init(violations: [FilingViolation]) {
        self.violations = violations
    }

    /// All messages, separated by semicolons.
    public var description: String {
        "filing rejected: " + violations.map(\.message).joined(separator: "; ")
    }
}
