/// Whether a hard condition is met, as far as the data tells.
public enum HighTechConditionStatus: Codable, Sendable, Hashable {
    /// The data shows the condition is met.
    case met
    /// The data shows the condition is not met.
    case notMet
    /// The data needed is missing; nothing is guessed.
    case unknown(HighTechUnknownReason)

    /// Whether the status is ``met``.
    public var isMet: Bool { self == .met }

    /// Whether the status is ``unknown(_:)``.
    public var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}
