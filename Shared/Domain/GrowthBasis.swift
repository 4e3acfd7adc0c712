/// What a growth figure compares with (同比增长12.3%, 较上年增加5家, 年均增长15%).
public enum GrowthBasis: String, Codable, Sendable, CaseIterable {
    /// 同比: the same period a year earlier.
    case yearOnYear = "year_on_year"
    /// 较上年 比上年 较去年: the previous year as a whole.
    case previousYear = "previous_year"
    /// 年均: the average yearly rate over several years.
    case annualAverage = "annual_average"
    /// 增长 提高 增加 without a stated basis.
    case unstated
}
