import Foundation

/// The estimated 100-point innovation-capability evaluation (企业创新能力评价), passing strictly above 70.
///
/// Each item is a range of points: a single value when the data decides it, wider when something is
/// unknown, so the total is a range too and the outcome says whether it surely passes, surely fails, or
/// cannot be told yet.
public struct HighTechEvaluation: Codable, Sendable, Hashable {
    /// 知识产权 (≤ 30): an expert figure when given, else estimated from class-I/II counts.
    public var intellectualProperty: HighTechEvaluationItem
    /// The quantity sub-item (≤ 8) the IP estimate was scaled from; `nil` when an expert figure was given.
    public var ipQuantityPoints: ClosedRange<Decimal>?
    /// 科技成果转化能力 (≤ 30).
    public var conversion: HighTechEvaluationItem
    /// The yearly average of conversions over the period, when known (exact up to Decimal's 38 digits).
    public var averageConversions: Decimal?
    /// 研究开发组织管理水平 (≤ 20).
    public var rdManagement: HighTechEvaluationItem
    /// Net-asset growth (≤ 10).
    public var netAssetGrowthItem: HighTechEvaluationItem
    /// The net-asset growth rate and the case applied.
    public var netAssetGrowth: HighTechGrowthRate
    /// Sales growth (≤ 10).
    public var salesGrowthItem: HighTechEvaluationItem
    /// The sales growth rate and the case applied.
    public var salesGrowth: HighTechGrowthRate
    /// The pass mark: the total must be strictly above it.
    public var passAbove: Decimal

    /// Creates an evaluation.
    public init(
        intellectualProperty: HighTechEvaluationItem, ipQuantityPoints: ClosedRange<Decimal>?,
        conversion: HighTechEvaluationItem, averageConversions: Decimal?, rdManagement: HighTechEvaluationItem,
        netAssetGrowthItem: HighTechEvaluationItem, netAssetGrowth: HighTechGrowthRate,
        salesGrowthItem: HighTechEvaluationItem, salesGrowth: HighTechGrowthRate, passAbove: Decimal
    ) {
        self.intellectualProperty = intellectualProperty
        self.ipQuantityPoints = ipQuantityPoints
        self.conversion = conversion
        self.averageConversions = averageConversions
        self.rdManagement = rdManagement
        self.netAssetGrowthItem = netAssetGrowthItem
        self.netAssetGrowth = netAssetGrowth
        self.salesGrowthItem = salesGrowthItem
        self.salesGrowth = salesGrowth
        self.passAbove = passAbove
    }

    /// The items in the order of the rules.
    public var items: [HighTechEvaluationItem] {
        [intellectualProperty, conversion, rdManagement, netAssetGrowthItem, salesGrowthItem]
    }

    /// The lowest possible total.
    public var minimumPoints: Decimal { HighTechDecimal.sum(items.map(\.points.lowerBound)) }

    /// The highest possible total.
    public var maximumPoints: Decimal { HighTechDecimal.sum(items.map(\.points.upperBound)) }

    /// Whether the total is a single value.
    public var isKnown: Bool { items.allSatisfy(\.isKnown) }

    /// Passes when the lowest total is above the pass mark, fails when the highest is not.
    public var outcome: HighTechEvaluationOutcome {
        if minimumPoints > passAbove { return .passes }
        if maximumPoints <= passAbove { return .fails }
        return .undetermined
    }
}
