import Foundation

/// How the 100-point innovation-capability evaluation (企业创新能力评价) is estimated from the data.
///
/// The block maxima, the pass mark and the band starts are the public 2016 figures. Where a band's top has no
/// public edge (the highest band of each item, and the class-II ≥5 band) the `fullAt` chosen here is one
/// band-width above the start; the IP estimate's scale is an assumption (see ``ipEstimateScale``). All are
/// parameters.
public struct HighTechEvaluationRules: Codable, Sendable, Hashable {
    /// The evaluation passes when the total is strictly above this (70).
    public var passAbove: Decimal
    /// 知识产权 block maximum (30).
    public var intellectualPropertyMaximum: Decimal
    /// Quantity points for class-I IP counts (≥1 → 7–8: one item → 7, two or more → 8).
    public var classIBands: [HighTechPointBand]
    /// Quantity points for class-II IP counts when there is no class-I IP (≥5 → 5–6, 3–4 → 3–4, 1–2 → 1–2;
    /// one point per item within each band, the ≥5 band full at 6).
    public var classIIBands: [HighTechPointBand]
    /// The IP block estimated from the quantity sub-item alone: quantity points × this scale, capped at the
    /// block maximum. Default 30 / 8 = 3.75: the advancement, core-support, how-obtained and standards
    /// sub-items, which filings do not carry, are assumed to score in the same proportion as quantity. A
    /// known expert figure (``HighTechFacts/intellectualPropertyPoints``) replaces the estimate.
    public var ipEstimateScale: Decimal
    /// 科技成果转化能力 maximum (30).
    public var conversionMaximum: Decimal
    /// Points by yearly average conversions: ≥5 → 25–30, ≥4 → 19–24, ≥3 → 13–18, ≥2 → 7–12, ≥1 → 1–6; an
    /// average below 1 (including 0) scores 0.
    public var conversionBands: [HighTechPointBand]
    /// 研究开发组织管理水平 maximum (20).
    public var rdManagementMaximum: Decimal
    /// Maximum of each growth item, net assets and sales (10 each, 20 together).
    public var growthMaximum: Decimal
    /// Points by growth rate in percent: ≥35 → 9–10 (full at 45), ≥25 → 7–8, ≥15 → 5–6, ≥5 → 3–4,
    /// > 0 → 1–2; ≤ 0 scores 0.
    public var growthBands: [HighTechPointBand]
    /// Decimal places interpolated points are rounded to (half-up), 2.
    public var pointsScale: Int

    /// Creates rules; every parameter defaults to the 2016 structure described above.
    public init(
        passAbove: Decimal = 70,
        intellectualPropertyMaximum: Decimal = 30,
        classIBands: [HighTechPointBand] = [HighTechPointBand(from: 1, fullAt: 2, points: 7...8)],
        classIIBands: [HighTechPointBand] = [
            HighTechPointBand(from: 5, fullAt: 6, points: 5...6),
            HighTechPointBand(from: 3, fullAt: 4, points: 3...4),
            HighTechPointBand(from: 1, fullAt: 2, points: 1...2),
        ],
        ipEstimateScale: Decimal = Decimal(30) / 8,
        conversionMaximum: Decimal = 30,
        conversionBands: [HighTechPointBand] = [
            HighTechPointBand(from: 5, fullAt: 6, points: 25...30),
            HighTechPointBand(from: 4, fullAt: 5, points: 19...24),
            HighTechPointBand(from: 3, fullAt: 4, points: 13...18),
            HighTechPointBand(from: 2, fullAt: 3, points: 7...12),
            HighTechPointBand(from: 1, fullAt: 2, points: 1...6),
        ],
        rdManagementMaximum: Decimal = 20,
        growthMaximum: Decimal = 10,
        growthBands: [HighTechPointBand] = [
            HighTechPointBand(from: 35, fullAt: 45, points: 9...10),
            HighTechPointBand(from: 25, fullAt: 35, points: 7...8),
            HighTechPointBand(from: 15, fullAt: 25, points: 5...6),
            HighTechPointBand(from: 5, fullAt: 15, points: 3...4),
            HighTechPointBand(from: 0, includesFrom: false, fullAt: 5, points: 1...2),
        ],
        pointsScale: Int = 2
    ) {
        self.passAbove = passAbove
        self.intellectualPropertyMaximum = intellectualPropertyMaximum
        self.classIBands = classIBands
        self.classIIBands = classIIBands
        self.ipEstimateScale = ipEstimateScale
        self.conversionMaximum = conversionMaximum
        self.conversionBands = conversionBands
        self.rdManagementMaximum = rdManagementMaximum
        self.growthMaximum = growthMaximum
        self.growthBands = growthBands
        self.pointsScale = pointsScale
    }

    /// The 2016 structure with the choices documented above.
    public static let rules2016 = HighTechEvaluationRules()

    /// Every reason the rules are unusable (empty when sound).
    func problems() -> [String] {
        var problems: [String] = []
        let allBands = [("classIBands", classIBands), ("classIIBands", classIIBands),
                        ("conversionBands", conversionBands), ("growthBands", growthBands)]
        for (name, bands) in allBands {
            for (index, band) in bands.enumerated() where band.fullAt < band.from {
                problems.append("\(name)[\(index)]: fullAt is below from")
            }
        }
        if ipEstimateScale < 0 { problems.append("ipEstimateScale must not be negative") }
        if pointsScale < 0 { problems.append("pointsScale must not be negative") }
        return problems
    }
}
