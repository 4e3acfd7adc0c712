import Domain
import Foundation

/// What closes a gap, computed exactly with everything else unchanged. Amounts are whole 元, rounded up so
/// that adding them is enough; counts are whole people or items.
public enum HighTechGapRemedy: Codable, Sendable, Hashable {
    /// Wait until the registration anniversary (the date, when the registration date is known).
    case waitUntil(LocalDate?)
    /// Obtain at least this many class-I or class-II IP items.
    case obtainIntellectualProperty(count: Int)
    /// Add this much R&D expense over the period, at the period's current sales.
    case addRDExpense(Money)
    /// Spend `added` more on R&D in China (total R&D grows), or move `reallocated` of existing R&D into
    /// China (total unchanged).
    case addDomesticRDExpense(added: Money, reallocated: Money)
    /// Earn `added` more high-tech revenue (total revenue grows), or turn `reallocated` of existing revenue
    /// into high-tech revenue (total unchanged).
    case addHighTechRevenue(added: Money, reallocated: Money)
    /// Hire `hired` S&T staff (total staff grows), or reassign `reassigned` existing employees to S&T work.
    case addSTStaff(hired: Int, reassigned: Int)
    /// Raise the evaluation by more than this many points.
    case raiseEvaluation(points: Decimal)
    /// Nothing arithmetic closes it (a field outside the list, an incident year to wait out, no revenue).
    case none
}
