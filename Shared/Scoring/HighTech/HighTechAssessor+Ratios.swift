import Domain
import Foundation

/// The ratio conditions: S&T staff, R&D intensity, domestic R&D, high-tech revenue. Every comparison is an
/// exact cross-multiplication (part × 100 ≥ threshold × whole), never a rounded quotient.
extension HighTechAssessor {
    /// S&T staff ÷ total staff of the latest year ≥ ``HighTechCriteria/minimumSTStaffPercent``.
    func stStaffShare(_ input: HighTechInput) -> HighTechConditionResult {
        let threshold = criteria.minimumSTStaffPercent
        let latest = input.latest
        guard let staff = latest.stStaff else {
            return HighTechConditionResult(.unknown(
                .stStaffShare, .notReported(field: "stStaff", years: [latest.year]), threshold: threshold, unit: .percent))
        }
        let part = Decimal(staff)
        let whole = Decimal(latest.totalStaff)
        return share(
            .stStaffShare, part: part, whole: whole, threshold: threshold, within: tierRules.stStaffWithinPoints,
            zeroWhole: ("职工总数为零，科技人员占比无法计算", "no employees: the S&T staff share is undefined")
        ) { actual in
            let hired = Self.count(HighTechDecimal.smallestWhole(from: (threshold * whole - 100 * part).divided(by: 100 - threshold)) {
                (part + $0) * 100 >= threshold * (whole + $0)
            })
            let reassigned = Self.count(HighTechDecimal.smallestWhole(from: (threshold * whole - 100 * part).divided(by: 100)) {
                (part + $0) * 100 >= threshold * whole
            })
            return (
                .addSTStaff(hired: hired, reassigned: reassigned),
                "科技人员占比 \(HighTechText.percent(actual))，需达到 \(HighTechText.percent(threshold))："
                    + "需新增科技人员 \(hired) 人（或将 \(reassigned) 名现有职工转为科技人员）",
                "S&T staff share \(HighTechText.percent(actual)), needs \(HighTechText.percent(threshold)): "
                    + "hire \(hired) S&T staff (or reassign \(reassigned) existing employees)")
        }
    }

    /// Period R&D expense ÷ period sales ≥ the band's minimum, the band chosen by latest-year sales. Unknown
    /// when a period year has no filing.
    func rdIntensity(_ input: HighTechInput, band: HighTechRDBand) -> HighTechConditionResult {
        let threshold = band.minimumPercent
        guard input.period.isComplete else {
            return HighTechConditionResult(.unknown(
                .rdIntensity, .missingFilings(years: input.period.missingYears), threshold: threshold, unit: .percent))
        }
        let sales = HighTechDecimal.sum(input.periodFilings.map(\.operatingRevenue.yuan))
        let rd = HighTechDecimal.sum(input.periodFilings.map(\.rdExpense.yuan))
        return share(
            .rdIntensity, part: rd, whole: sales, threshold: threshold, within: tierRules.rdIntensityWithinPoints,
            zeroWhole: ("无营业收入，研发费用占比无法计算", "no revenue: the R&D ratio is undefined")
        ) { actual in
            let added = Money(HighTechDecimal.smallestWhole(from: (threshold * sales).divided(by: 100) - rd) {
                (rd + $0) * 100 >= threshold * sales
            }, .yuan)
            return (
                .addRDExpense(added),
                "研发费用占比 \(HighTechText.percent(actual))，需达到 \(HighTechText.percent(threshold))："
                    + "按当前营业收入需增加研发费用 \(HighTechText.moneyZh(added))",
                "R&D ratio \(HighTechText.percent(actual)), needs \(HighTechText.percent(threshold)): "
                    + "+\(HighTechText.moneyEn(added)) R&D expense at current revenue")
        }
    }

    /// Period domestic R&D ÷ period R&D ≥ ``HighTechCriteria/minimumDomesticRDPercent``. Unknown when a period
    /// year has no filing or does not report `rdExpenseDomestic`.
    func domesticRDShare(_ input: HighTechInput) -> HighTechConditionResult {
        let threshold = criteria.minimumDomesticRDPercent
        guard input.period.isComplete else {
            return HighTechConditionResult(.unknown(
                .domesticRDShare, .missingFilings(years: input.period.missingYears), threshold: threshold, unit: .percent))
        }
        let unreported = input.yearsNotReporting(\.rdExpenseDomestic)
        guard unreported.isEmpty else {
            return HighTechConditionResult(.unknown(
                .domesticRDShare, .notReported(field: "rdExpenseDomestic", years: unreported),
                threshold: threshold, unit: .percent))
        }
        let domestic = HighTechDecimal.sum(input.periodFilings.compactMap { $0.rdExpenseDomestic?.yuan })
        let total = HighTechDecimal.sum(input.periodFilings.map(\.rdExpense.yuan))
        return share(
            .domesticRDShare, part: domestic, whole: total, threshold: threshold,
            within: tierRules.domesticRDWithinPoints,
            zeroWhole: ("无研发费用，境内研发费用占比无法计算", "no R&D expense: the domestic share is undefined")
        ) { actual in
            let (added, moved) = Self.shareAmounts(part: domestic, whole: total, threshold: threshold)
            return (
                .addDomesticRDExpense(added: added, reallocated: moved),
                "境内研发费用占比 \(HighTechText.percent(actual))，需达到 \(HighTechText.percent(threshold))："
                    + "需增加境内研发费用 \(HighTechText.moneyZh(added))（或将 \(HighTechText.moneyZh(moved)) 研发费用转至境内）",
                "share of R&D spent in China \(HighTechText.percent(actual)), needs \(HighTechText.percent(threshold)): "
                    + "+\(HighTechText.moneyEn(added)) R&D spent in China (or move \(HighTechText.moneyEn(moved)) of R&D into China)")
        }
    }

    /// High-tech revenue ÷ revenue of the latest year ≥ ``HighTechCriteria/minimumHighTechRevenuePercent``.
    /// (The rules divide by 总收入, total income; filings carry operating revenue, which is used.)
    func highTechRevenueShare(_ input: HighTechInput) -> HighTechConditionResult {
        let threshold = criteria.minimumHighTechRevenuePercent
        let latest = input.latest
        guard let highTech = latest.highTechRevenue else {
            return HighTechConditionResult(.unknown(
                .highTechRevenueShare, .notReported(field: "highTechRevenue", years: [latest.year]),
                threshold: threshold, unit: .percent))
        }
        let part = highTech.yuan
        let whole = latest.operatingRevenue.yuan
        return share(
            .highTechRevenueShare, part: part, whole: whole, threshold: threshold,
            within: tierRules.highTechRevenueWithinPoints,
            zeroWhole: ("无营业收入，高新技术产品（服务）收入占比无法计算", "no revenue: the high-tech revenue share is undefined")
        ) { actual in
            let (added, moved) = Self.shareAmounts(part: part, whole: whole, threshold: threshold)
            return (
                .addHighTechRevenue(added: added, reallocated: moved),
                "高新技术产品（服务）收入占比 \(HighTechText.percent(actual))，需达到 \(HighTechText.percent(threshold))："
                    + "需新增高新技术产品（服务）收入 \(HighTechText.moneyZh(added))"
                    + "（或将 \(HighTechText.moneyZh(moved)) 现有收入转为高新技术产品（服务）收入）",
                "high-tech revenue share \(HighTechText.percent(actual)), needs \(HighTechText.percent(threshold)): "
                    + "+\(HighTechText.moneyEn(added)) high-tech revenue (or \(HighTechText.moneyEn(moved)) of existing revenue turned high-tech)")
        }
    }

    /// The check of `part ÷ whole ≥ threshold %`, with its gap when not met. A zero whole is not met with no
    /// figure and no arithmetic remedy. The gap is within reach when `part ÷ whole ≥ (threshold − within) %`.
    private func share(
        _ condition: HighTechCondition, part: Decimal, whole: Decimal, threshold: Decimal, within: Decimal,
        zeroWhole: (zh: String, en: String),
        gap: (_ actual: Decimal) -> (HighTechGapRemedy, String, String)
    ) -> HighTechConditionResult {
        guard whole > 0 else {
            return HighTechConditionResult(
                notMet: HighTechConditionCheck(condition: condition, status: .notMet, threshold: threshold, unit: .percent),
                remedy: .none, withinReach: false, messageZh: zeroWhole.zh, messageEn: zeroWhole.en)
        }
        let actual = part.divided(by: whole) * 100
        let met = part * 100 >= threshold * whole
        let check = HighTechConditionCheck(
            condition: condition, status: met ? .met : .notMet, actual: actual, threshold: threshold, unit: .percent)
        guard !met else { return HighTechConditionResult(check) }
        let (remedy, messageZh, messageEn) = gap(actual)
        return HighTechConditionResult(
            notMet: check, remedy: remedy, withinReach: part * 100 >= (threshold - within) * whole,
            messageZh: messageZh, messageEn: messageEn)
    }

    /// The whole 元 to add to `part` so it reaches `threshold` % — `added` when the whole grows with it,
    /// `reallocated` when the whole stays.
    private static func shareAmounts(
        part: Decimal, whole: Decimal, threshold: Decimal
    ) -> (added: Money, reallocated: Money) {
        let added = HighTechDecimal.smallestWhole(from: (threshold * whole - 100 * part).divided(by: 100 - threshold)) {
            (part + $0) * 100 >= threshold * (whole + $0)
        }
        let moved = HighTechDecimal.smallestWhole(from: (threshold * whole - 100 * part).divided(by: 100)) {
            (part + $0) * 100 >= threshold * whole
        }
        return (Money(added, .yuan), Money(moved, .yuan))
    }

    /// A whole, non-negative Decimal as an Int.
    private static func count(_ value: Decimal) -> Int {
        NSDecimalNumber(decimal: value).intValue
    }
}
