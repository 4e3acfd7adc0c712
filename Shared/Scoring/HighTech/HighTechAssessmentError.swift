import Domain

/// Why an assessment could not be made at all. Missing data is not an error (it shows as unknown); these are
/// inputs that make no sense together.
public enum HighTechAssessmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No filing was given.
    case noFilings
    /// Every filing is for a year after the assessment date.
    case noFilingBy(LocalDate)
    /// The filings belong to more than one enterprise.
    case mixedCreditCodes([UnifiedSocialCreditCode])
    /// Two filings cover the same year.
    case duplicateYear(Int)
    /// A filing used by the assessment breaks the filing rules.
    case invalidFiling(year: Int, violations: [FilingViolation])
    /// A fact is out of range or contradicts the assessment date.
    case invalidFact(field: String, reason: String)
    /// The criteria or rules given are unusable.
    case invalidRules([String])

    /// An English description naming what is wrong.
    public var description: String {
        switch self {
        case .noFilings: "no filings to assess"
        case .noFilingBy(let date): "no filing for a year up to the assessment date \(date)"
        case .mixedCreditCodes(let codes):
            "filings of several enterprises: \(codes.map(\.rawValue).joined(separator: ", "))"
        case .duplicateYear(let year): "two filings for \(year)"
        case .invalidFiling(let year, let violations):
            "filing for \(year) is invalid: \(violations.map(\.message).joined(separator: "; "))"
        case .invalidFact(let field, let reason): "fact \(field): \(reason)"
        case .invalidRules(let problems): "unusable rules: \(problems.joined(separator: "; "))"
        }
    }
}
