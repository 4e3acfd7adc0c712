import Domain
import Foundation

/// County totals of one filing year over the latest filing of each enterprise: the enterprise aggregates and
/// the R&D-institution coverage of above-scale industrial enterprises.
public struct FilingTotals: Sendable, Hashable {
    /// Enterprises that filed.
    public var filings = 0
    /// 研发费用 total, 元.
    public var rdExpenseYuan: Decimal = 0
    /// 营业收入 total, 元.
    public var operatingRevenueYuan: Decimal = 0
    /// 高新技术产品（服务）收入 total, 元 (filings that report it).
    public var highTechRevenueYuan: Decimal = 0
    /// 技术合同成交额 total, 元 (filings that report it).
    public var techContractTurnoverYuan: Decimal = 0
    /// 发明专利 total.
    public var inventionPatents = 0
    /// 研发人员 total.
    public var rdStaff = 0
    /// Above-scale (规上) industrial enterprises.
    public var aboveScaleIndustrial = 0
    /// Above-scale industrial enterprises with an R&D institution.
    public var aboveScaleIndustrialWithRDInstitution = 0

    /// Empty totals.
    public init() {}

    /// Operating revenue from which an industrial enterprise counts as above scale when the filing does not
    /// say (¥20 M main-business revenue a year).
    public static let aboveScaleRevenueYuan: Decimal = 20_000_000

    /// Whether a filing is an above-scale industrial enterprise: industrial, and above scale as filed (or, when
    /// not filed, by revenue ≥ ¥20 M).
    public static func isAboveScaleIndustrial(_ filing: EnterpriseFiling) -> Bool {
        guard filing.industrial == true else { return false }
        return filing.aboveScale ?? (filing.operatingRevenue.yuan >= aboveScaleRevenueYuan)
    }

    /// Adds (`sign` 1) or removes (`sign` -1) one filing's contribution.
    public mutating func add(_ filing: EnterpriseFiling, sign: Int) {
        let factor = Decimal(sign)
        filings += sign
        rdExpenseYuan += factor * filing.rdExpense.yuan
        operatingRevenueYuan += factor * filing.operatingRevenue.yuan
        highTechRevenueYuan += factor * (filing.highTechRevenue?.yuan ?? 0)
        techContractTurnoverYuan += factor * (filing.techContractTurnover?.yuan ?? 0)
        inventionPatents += sign * (filing.inventionPatents ?? 0)
        rdStaff += sign * (filing.rdStaff ?? 0)
        if FilingTotals.isAboveScaleIndustrial(filing) {
            aboveScaleIndustrial += sign
            if filing.hasRDInstitution { aboveScaleIndustrialWithRDInstitution += sign }
        }
    }
}
