/// The accounting years an assessment looks at (近三个会计年度).
///
/// The period ends with the latest filing year not after the assessment date and covers up to
/// ``HighTechCriteria/periodYears`` years. It starts later when the enterprise is younger: the first year it is
/// known to have operated is the earliest of the registration year (or the year `yearsRegistered` full years
/// before the assessment date) and its earliest filing year. Years of the period without a filing are
/// ``missingYears``; anything computed over the period is then unknown.
public struct HighTechPeriod: Codable, Sendable, Hashable {
    /// The years of the period, oldest first.
    public var years: ClosedRange<Int>
    /// Period years with no filing.
    public var missingYears: [Int]
    /// Years of filings given but not used (before the period, or after the assessment date).
    public var ignoredYears: [Int]

    /// Creates a period.
    public init(years: ClosedRange<Int>, missingYears: [Int] = [], ignoredYears: [Int] = []) {
        self.years = years
        self.missingYears = missingYears
        self.ignoredYears = ignoredYears
    }

    /// Whether every year of the period has a filing.
    public var isComplete: Bool { missingYears.isEmpty }

    /// The latest year, whose filing every assessment has.
    public var latestYear: Int { years.upperBound }
}
