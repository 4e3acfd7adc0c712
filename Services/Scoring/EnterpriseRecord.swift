import Domain
import Foundation
import Scoring

/// What scoring knows of one enterprise: its filings by year (a re-filing of a year replaces the earlier one), kept
/// compact (``StoredFiling``), and its current high-tech assessment's digest.
struct EnterpriseRecord: Sendable {
    /// The enterprise's credit code (its text shared with the logic's key).
    let code: UnifiedSocialCreditCode
    /// The enterprise's dense subject number in the logic (where the scheme states keep its scores).
    let slot: Int32
    /// Filings, oldest year first, one per year.
    private(set) var filings: [StoredFiling] = []
    /// The current high-tech assessment (digest), if any.
    var highTech: HighTechDigest?

    /// An enterprise with no filing yet.
    init(code: UnifiedSocialCreditCode, slot: Int32) {
        self.code = code
        self.slot = slot
    }

    /// Keeps `filing`, replacing an earlier filing of its year.
    mutating func file(_ filing: EnterpriseFiling) {
        var stored = StoredFiling(filing)
        for other in filings { stored.share(other) }
        if let index = filings.firstIndex(where: { $0.year >= filing.year }) {
            if filings[index].year == filing.year {
                filings[index] = stored
            } else {
                filings.insert(stored, at: index)
            }
        } else {
            filings.append(stored)
        }
    }

    /// The latest year's filing as kept (its name, town and year without rebuilding the filing).
    var latestStored: StoredFiling? { filings.last }

    /// The latest year's filing.
    var latest: EnterpriseFiling? { filings.last?.filing(code: code) }

    /// The filing of `year`, if filed.
    func filing(year: Int) -> EnterpriseFiling? {
        filings.first { $0.year == year }?.filing(code: code)
    }

    /// The `count` latest filings, oldest first.
    func recent(_ count: Int) -> [EnterpriseFiling] {
        filings.suffix(count).map { $0.filing(code: code) }
    }

    /// The scoring inputs of the latest filing, with the figures derived from earlier filings: `ageYears` as years
    /// on record here (a lower bound until registration dates arrive with subject records), and the revenue and
    /// net-asset growth against the year before, in percent, when that year was filed.
    func inputs() -> SubjectInputs? {
        guard let latest, let first = filings.first?.year else { return nil }
        var inputs = EnterpriseFilingInputs.inputs(from: latest)
        inputs.values["ageYears"] = Decimal(latest.year - first + 1)
        if let previous = filing(year: latest.year - 1) {
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
        return (to - from).divided(by: from) * 100
    }
}
