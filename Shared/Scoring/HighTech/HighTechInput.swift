import Domain
import Foundation

/// The filings and facts of one assessment, checked and arranged by period.
struct HighTechInput {
    /// The filing of the period's latest year.
    let latest: EnterpriseFiling
    /// The period's filings, oldest first.
    let periodFilings: [EnterpriseFiling]
    /// The period.
    let period: HighTechPeriod
    /// The earliest year filed up to the assessment date.
    let earliestFilingYear: Int
    /// The facts.
    let facts: HighTechFacts
    /// The assessment date.
    let date: LocalDate

    init(
        filings: [EnterpriseFiling], facts: HighTechFacts, date: LocalDate, criteria: HighTechCriteria
    ) throws(HighTechAssessmentError) {
        guard !filings.isEmpty else { throw .noFilings }
        let codes = Set(filings.map(\.creditCode))
        guard codes.count == 1 else { throw .mixedCreditCodes(codes.sorted()) }
        var seen = Set<Int>()
        for filing in filings.sorted(by: { $0.year < $1.year }) where !seen.insert(filing.year).inserted {
            throw .duplicateYear(filing.year)
        }
        let usable = filings.filter { $0.year <= date.year }.sorted { $0.year < $1.year }
        guard let latest = usable.last, let earliest = usable.first else { throw .noFilingBy(date) }

        var knownFrom = earliest.year
        if let registered = facts.registrationDate { knownFrom = min(knownFrom, registered.year) }
        if let years = facts.yearsRegistered { knownFrom = min(knownFrom, date.year - years) }
        let years = max(latest.year - criteria.periodYears + 1, knownFrom)...latest.year
        let periodFilings = usable.filter { years.contains($0.year) }
        let filed = Set(periodFilings.map(\.year))
        let period = HighTechPeriod(
            years: years, missingYears: years.filter { !filed.contains($0) },
            ignoredYears: filings.map(\.year).filter { !years.contains($0) }.sorted())

        for filing in periodFilings {
            let violations = filing.validate(currentYear: date.year)
            guard violations.isEmpty else { throw .invalidFiling(year: filing.year, violations: violations) }
        }
        self.latest = latest
        self.periodFilings = periodFilings
        self.period = period
        self.earliestFilingYear = earliest.year
        self.facts = facts
        self.date = date
    }

    /// The period's years whose filing lacks the field `value` reads.
    func yearsNotReporting<T>(_ value: (EnterpriseFiling) -> T?) -> [Int] {
        periodFilings.filter { value($0) == nil }.map(\.year)
    }
}
