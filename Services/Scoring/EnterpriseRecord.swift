import Domain
import Foundation
import Scoring

/// What scoring knows of one enterprise: its filings by year (a re-filing of a year replaces the earlier one).
struct EnterpriseRecord: Sendable {
    /// Filings by year.
    var filings: [Int: EnterpriseFiling] = [:]

    /// The latest year's filing.
    var latest: EnterpriseFiling? { filings.keys.max().flatMap { filings[$0] } }

    /// The scoring inputs of the latest filing, with the figures derived from earlier filings: `ageYears` as years
    /// on record here (a lower bound until registration dates arrive with subject records), and the revenue and
    /// net-asset growth against the year before, in percent, when that year was filed.
    func inputs() -> SubjectInputs? {
        guard let latest, let first = filings.keys.min() else { return nil }
        var inputs = EnterpriseFilingInputs.inputs(from: latest)
        inputs.values["ageYears"] = Decimal(latest.year - first + 1)
        if let previous = filings[latest.year - 1] {
            if let growth = Self.growthPercent(from: previous.operatingRevenue.yuan, to: latest.operatingRevenue.yuan) {
                inputs.values["revenueGrowthPercent"] = growth
            }
            if let before = previous.netAssets?.yuan, let now = latest.netAssets?.yuan,
               let growth = Self.growthPercent(from: before, to: now) {
                inputs.values["netAssetGrowthPercent"] = growth
            }
        }
        return inputs
    }

    /// (to − from) ÷ from × 100, or `nil` when `from` is not positive.
    static func growthPercent(from: Decimal, to: Decimal) -> Decimal? {
        guard from > 0 else { return nil }
        return (to - from) / from * 100
    }
}
