import Foundation

/// Which subjects are compared with each other: by stage, revenue band, industry, town — or all together.
public struct CohortDefinition: Sendable, Hashable {
    /// The dimensions, in order; empty means one cohort holding every subject.
    public var dimensions: [CohortDimension]
    /// The input the revenue bands are read from (e.g. `operatingRevenue`), when bands are declared.
    public var revenueSource: String?
    /// The revenue bands, lowest first (contiguous, validated), e.g. 种子期 < ¥1 M … 成熟期 ≥ ¥100 M.
    public var revenueBands: [SchemeBand]

    /// Creates a cohort definition.
    public init(dimensions: [CohortDimension] = [], revenueSource: String? = nil, revenueBands: [SchemeBand] = []) {
        self.dimensions = dimensions
        self.revenueSource = revenueSource
        self.revenueBands = revenueBands
    }

    /// Every subject in one cohort.
    public static let everyone = CohortDefinition()

    /// The revenue band holding `value`, or `nil`.
    public func revenueBand(for value: Decimal) -> SchemeBand? {
        revenueBands.first { $0.range.contains(value) }
    }
}
