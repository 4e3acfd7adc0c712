/// What a gap is about.
public enum HighTechGapSubject: Codable, Sendable, Hashable {
    /// A hard condition not met.
    case condition(HighTechCondition)
    /// The evaluation cannot pass.
    case evaluation
}
