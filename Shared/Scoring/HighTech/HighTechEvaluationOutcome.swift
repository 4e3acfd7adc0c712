/// Whether the estimated evaluation passes (strictly above the pass mark).
public enum HighTechEvaluationOutcome: String, Codable, Sendable, Hashable {
    /// Even the lowest possible total is above the pass mark.
    case passes
    /// Even the highest possible total is at or below the pass mark.
    case fails
    /// The possible totals straddle the pass mark.
    case undetermined
}
