import Contracts
import Domain
import Scoring

/// The whole 一屏通览: indicators grouped by program, subjects per grade, enterprises per 高企培育库 tier
/// (`/api/overview`).
public struct OverviewView: Codable, Sendable, Hashable {
    /// One program and its indicators.
    public struct ProgramGroup: Codable, Sendable, Hashable {
        /// Program id.
        public var id: String
        /// Chinese name.
        public var nameZh: String
        /// English name.
        public var nameEn: String
        /// Its indicators in catalog order.
        public var indicators: [IndicatorView]
    }

    /// Subjects with one grade under one scheme.
    public struct GradeCount: Codable, Sendable, Hashable {
        /// Scheme id.
        public var scheme: String
        /// Grade id.
        public var grade: String
        /// Grade's Chinese name.
        public var nameZh: String
        /// Grade's English name.
        public var nameEn: String
        /// Subjects.
        public var count: Int
    }

    /// Enterprises in one 高企培育库 tier.
    public struct TierCount: Codable, Sendable, Hashable {
        /// Tier id (A, B, C).
        public var tier: String
        /// Chinese name.
        public var nameZh: String
        /// English name.
        public var nameEn: String
        /// Enterprises.
        public var count: Int
    }

    /// Programs with indicators, in catalog order.
    public var programs: [ProgramGroup]
    /// Subjects per grade, by scheme then grade.
    public var grades: [GradeCount]
    /// Enterprises per tier, A to C.
    public var tiers: [TierCount]
    /// Last metrics-stream sequence applied.
    public var metricsApplied: UInt64
    /// Last scoring-stream sequence applied.
    public var scoringApplied: UInt64

    /// The overview of `state` for `catalog`.
    public init(catalog: Catalog, state: borrowing WebState) {
        programs = catalog.programs.compactMap { program in
            let indicators = catalog.indicators(ofProgram: program.id)
            guard !indicators.isEmpty else { return nil }
            return ProgramGroup(
                id: program.id, nameZh: program.nameZh, nameEn: program.nameEn,
                indicators: indicators.map { IndicatorView(indicator: $0, state: state) })
        }
        grades = Self.grades(state: state)
        tiers = Self.tiers(state: state)
        metricsApplied = state.metricsApplied
        scoringApplied = state.scoringApplied
    }

    /// Subjects per grade, by scheme then grade.
    static func grades(state: borrowing WebState) -> [GradeCount] {
        let names = state.gradeNames
        return state.gradeCounts.sorted { $0.key < $1.key }.flatMap { scheme, counts in
            counts.sorted { $0.key < $1.key }.map { grade, count in
                let name = names[scheme]?[grade]
                return GradeCount(
                    scheme: scheme, grade: grade, nameZh: name?.nameZh ?? grade, nameEn: name?.nameEn ?? grade, count: count)
            }
        }
    }

    /// Enterprises per tier, A to C (zero counts included).
    static func tiers(state: borrowing WebState) -> [TierCount] {
        let counts = state.tierCounts
        return HighTechTier.allCases.map {
            TierCount(tier: $0.rawValue, nameZh: $0.nameZh, nameEn: $0.nameEn, count: counts[$0] ?? 0)
        }
    }
}
