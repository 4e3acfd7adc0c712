import Domain
import Foundation

/// Facts the annual filings do not carry. Each is optional: a fact left `nil` shows as unknown in the
/// assessment; it is never guessed.
public struct HighTechFacts: Codable, Sendable, Hashable {
    /// 成立（注册）日期. When known it decides the registration condition and where the period starts.
    public var registrationDate: LocalDate?
    /// Full years registered at the assessment date, when the date itself is not known (the date wins when
    /// both are given).
    public var yearsRegistered: Int?
    /// Whether the main products' technology is in 《国家重点支持的高新技术领域》.
    public var technologyFieldSupported: Bool?
    /// 科技成果转化 counts by year; the evaluation averages them over the assessment period's years and is
    /// unknown when a period year is absent.
    public var conversionsByYear: [Int: Int]?
    /// 研究开发组织管理水平 points (0–20), e.g. from an expert's visit.
    public var rdManagementPoints: Decimal?
    /// 知识产权 block points (0–30) from an expert's assessment; replaces the estimate from IP counts.
    public var intellectualPropertyPoints: Decimal?

    /// Creates facts; all unknown by default.
    public init(
        registrationDate: LocalDate? = nil, yearsRegistered: Int? = nil, technologyFieldSupported: Bool? = nil,
        conversionsByYear: [Int: Int]? = nil, rdManagementPoints: Decimal? = nil,
        intellectualPropertyPoints: Decimal? = nil
    ) {
        self.registrationDate = registrationDate
        self.yearsRegistered = yearsRegistered
        self.technologyFieldSupported = technologyFieldSupported
        self.conversionsByYear = conversionsByYear
        self.rdManagementPoints = rdManagementPoints
        self.intellectualPropertyPoints = intellectualPropertyPoints
    }

    /// Checks the facts against the assessment date and the evaluation maxima.
    func validate(on date: LocalDate, rules: HighTechEvaluationRules) throws(HighTechAssessmentError) {
        if let registrationDate, registrationDate > date {
            throw .invalidFact(field: "registrationDate", reason: "\(registrationDate) is after the assessment date \(date)")
        }
        if let yearsRegistered, yearsRegistered < 0 {
            throw .invalidFact(field: "yearsRegistered", reason: "\(yearsRegistered) is negative")
        }
        if let conversionsByYear, let bad = conversionsByYear.sorted(by: { $0.key < $1.key }).first(where: { $0.value < 0 }) {
            throw .invalidFact(field: "conversionsByYear[\(bad.key)]", reason: "\(bad.value) is negative")
        }
        let ranged: [(String, Decimal?, Decimal)] = [
            ("rdManagementPoints", rdManagementPoints, rules.rdManagementMaximum),
            ("intellectualPropertyPoints", intellectualPropertyPoints, rules.intellectualPropertyMaximum),
        ]
        for (field, value, maximum) in ranged {
            if let value, value < 0 || value > maximum {
                throw .invalidFact(
                    field: field,
                    reason: "\(DecimalText.string(value)) is outside 0–\(DecimalText.string(maximum))")
            }
        }
    }
}
