import Domain
import Foundation

/// The estimated 100-point evaluation.
extension HighTechAssessor {
    /// Estimates every item; what the data does not decide is a range (see ``HighTechEvaluation``).
    func evaluate(_ input: HighTechInput) -> HighTechEvaluation {
        let rules = evaluationRules
        let (ip, quantity) = intellectualPropertyItem(input)
        let (conversion, average) = conversionItem(input)
        let rdManagement = input.facts.rdManagementPoints.map {
            HighTechEvaluationItem.known(.rdManagement, maximum: rules.rdManagementMaximum, points: $0)
        } ?? .unknown(
            .rdManagement, maximum: rules.rdManagementMaximum, .factNotProvided(fact: "rdManagementPoints", years: []))
        let (netAssetItem, netAssetGrowth) = growthItem(.netAssetGrowth, input, field: "netAssets") { $0.netAssets }
        let (salesItem, salesGrowth) = growthItem(.salesGrowth, input, field: "operatingRevenue") { $0.operatingRevenue }
        return HighTechEvaluation(
            intellectualProperty: ip, ipQuantityPoints: quantity, conversion: conversion,
            averageConversions: average, rdManagement: rdManagement, netAssetGrowthItem: netAssetItem,
            netAssetGrowth: netAssetGrowth, salesGrowthItem: salesItem, salesGrowth: salesGrowth,
            passAbove: rules.passAbove)
    }

    /// 知识产权: the expert figure when given; else the quantity sub-item from the latest filing's counts
    /// (≥1 class-I → class-I bands, else class-II bands) scaled by ``HighTechEvaluationRules/ipEstimateScale``
    /// and capped. An unreported count widens the range to what it could add.
    private func intellectualPropertyItem(
        _ input: HighTechInput
    ) -> (HighTechEvaluationItem, ClosedRange<Decimal>?) {
        let rules = evaluationRules
        let maximum = rules.intellectualPropertyMaximum
        if let points = input.facts.intellectualPropertyPoints {
            return (.known(.intellectualProperty, maximum: maximum, points: points), nil)
        }
        let counts = HighTechIPCounts(input.latest)
        let scoreI = counts.classI.map { HighTechPointBand.score(Decimal($0), in: rules.classIBands, scale: rules.pointsScale) }
        let scoreII = counts.classII.map { HighTechPointBand.score(Decimal($0), in: rules.classIIBands, scale: rules.pointsScale) }
        let low = max(scoreI ?? 0, scoreII ?? 0)
        let high = max(scoreI ?? HighTechPointBand.maximum(of: rules.classIBands),
                       scoreII ?? HighTechPointBand.maximum(of: rules.classIIBands))
        // A known class-I item decides the quantity whatever class II is.
        let quantity = scoreI.map { $0 > 0 } == true ? low...low : low...max(low, high)
        func block(_ points: Decimal) -> Decimal {
            min(maximum, HighTechDecimal.round(points * rules.ipEstimateScale, scale: rules.pointsScale, .plain))
        }
        let points = block(quantity.lowerBound)...block(quantity.upperBound)
        let reason: HighTechUnknownReason? = points.lowerBound == points.upperBound ? nil
            : .notReported(field: counts.missingFields.joined(separator: ", "), years: [input.latest.year])
        return (HighTechEvaluationItem(kind: .intellectualProperty, maximum: maximum, points: points, unknownReason: reason),
                quantity)
    }

    /// 科技成果转化能力 from the yearly average of ``HighTechFacts/conversionsByYear`` over the period's years.
    private func conversionItem(_ input: HighTechInput) -> (HighTechEvaluationItem, Decimal?) {
        let rules = evaluationRules
        let maximum = rules.conversionMaximum
        guard let byYear = input.facts.conversionsByYear else {
            return (.unknown(.conversion, maximum: maximum, .factNotProvided(fact: "conversionsByYear", years: [])), nil)
        }
        let years = Array(input.period.years)
        let missing = years.filter { byYear[$0] == nil }
        guard missing.isEmpty else {
            return (.unknown(.conversion, maximum: maximum, .factNotProvided(fact: "conversionsByYear", years: missing)), nil)
        }
        let total = years.compactMap { byYear[$0] }.reduce(0, +)
        let average = Decimal(total).divided(by: Decimal(years.count))
        let points = HighTechPointBand.score(average, in: rules.conversionBands, scale: rules.pointsScale)
        return (.known(.conversion, maximum: maximum, points: min(maximum, points)), average)
    }

    /// A growth item from one money field over the period: unknown when a period year has no filing or does
    /// not report the field.
    private func growthItem(
        _ kind: HighTechEvaluationItemKind, _ input: HighTechInput, field: String,
        value: (EnterpriseFiling) -> Money?
    ) -> (HighTechEvaluationItem, HighTechGrowthRate) {
        let rules = evaluationRules
        let maximum = rules.growthMaximum
        guard input.period.isComplete else {
            return (.unknown(kind, maximum: maximum, .missingFilings(years: input.period.missingYears)), .unknown)
        }
        let unreported = input.yearsNotReporting(value)
        guard unreported.isEmpty else {
            return (.unknown(kind, maximum: maximum, .notReported(field: field, years: unreported)), .unknown)
        }
        let growth = HighTechGrowthRate.compute(input.periodFilings.compactMap { value($0)?.yuan })
        let points = min(maximum, growth.points(bands: rules.growthBands, scale: rules.pointsScale))
        return (.known(kind, maximum: maximum, points: points), growth)
    }
}
