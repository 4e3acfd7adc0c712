/// Why a condition or an evaluation item could not be decided.
public enum HighTechUnknownReason: Codable, Sendable, Hashable {
    /// A filing field was not reported (`nil`) for these years.
    case notReported(field: String, years: [Int])
    /// A fact that filings do not carry was not provided (see ``HighTechFacts``); `years` names the years
    /// missing when the fact is per year, and is empty otherwise.
    case factNotProvided(fact: String, years: [Int])
    /// No filing for these years of the assessment period.
    case missingFilings(years: [Int])

    /// A Chinese explanation, e.g. `2023 年度未填报 stStaff`.
    public var messageZh: String {
        switch self {
        case .notReported(let field, let years): "\(HighTechText.years(years)) 年度未填报 \(field)"
        case .factNotProvided(let fact, let years):
            years.isEmpty ? "未提供 \(fact)" : "未提供 \(HighTechText.years(years)) 年度的 \(fact)"
        case .missingFilings(let years): "缺少 \(HighTechText.years(years)) 年度填报"
        }
    }

    /// An English explanation, e.g. `stStaff not reported for 2023`.
    public var messageEn: String {
        switch self {
        case .notReported(let field, let years): "\(field) not reported for \(HighTechText.years(years))"
        case .factNotProvided(let fact, let years):
            years.isEmpty ? "\(fact) not provided" : "\(fact) not provided for \(HighTechText.years(years))"
        case .missingFilings(let years): "no filing for \(HighTechText.years(years))"
        }
    }
}
