import Domain

/// What one program event adds to the computed indicators (see ``ComputedRules``).
public enum ComputedContribution: Sendable, Hashable {
    /// A distinct item of `indicator` (identity `key`), counted once; `amount` for money indicators.
    case item(indicator: String, key: String, date: LocalDate, amount: Money?)
    /// A membership change in the timeline `timeline` (``ComputedRules/cultivationTimeline``,
    /// ``ComputedRules/highTechTimeline``).
    case membership(timeline: String, subject: String, change: MembershipTimeline.Change)
}
