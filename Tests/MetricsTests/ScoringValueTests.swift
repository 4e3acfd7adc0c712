import Contracts
import Domain
import Foundation
import Messaging
import Scoring
import Testing
@testable import MetricsService

/// An exact decimal from its text (test literals only).
func d(_ text: String) -> Decimal {
    guard let value = DecimalText.parse(text) else { fatalError("not a decimal: \(text)") }
    return value
}

/// Builders for scoring-stream entries.
enum ScoringFixtures {
    static let scheme = "innovation-points-2025"

    /// A `score.update` of enterprise `n` under `scheme` for `period`.
    static func score(
        _ n: Int, points: Decimal, grade: String? = nil, period: String = "2024", scheme: String = scheme,
        ingestSequence: UInt64 = 1
    ) -> ScoringEvent {
        .score(ScoreUpdate(
            subjectKind: "enterprise", subjectID: MetricsFixtures.code(n).rawValue, subjectName: "企业\(n)",
            town: nil, period: period, schemeID: scheme, schemeVersion: 1, points: points, categories: [],
            breakdown: [], negatives: [], vetoedBy: [], stage: nil, cohort: "all",
            grade: grade.map { ScoreGrade(id: $0, nameZh: "\($0) 档", nameEn: "Grade \($0)") }, rank: 1, cohortSize: 1,
            previousPoints: nil, ingestSequence: ingestSequence))
    }

    /// A real assessment of enterprise `n` on its `year` filing, with its tier set to `tier`.
    static func highTech(_ n: Int, tier: HighTechTier, year: Int = 2024, ingestSequence: UInt64 = 1) throws -> ScoringEvent {
        let filing = EnterpriseFiling(
            year: year, creditCode: MetricsFixtures.code(n), enterpriseName: "企业\(n)",
            operatingRevenue: Money(5000, .wanYuan), rdExpense: Money(250, .wanYuan), totalStaff: 100)
        let date = try #require(LocalDate(year: year + 1, month: 1, day: 1))
        var assessment = try HighTechAssessor().assess([filing], on: date)
        #expect(assessment.period.latestYear == year)
        assessment.tier = tier
        return .highTech(HighTechUpdate(assessment: assessment, ingestSequence: ingestSequence))
    }

    /// The scoring-stream envelope carrying `event` at `sequence`.
    static func envelope(_ event: ScoringEvent, sequence: UInt64) throws -> Envelope {
        let headers = HeaderFactory(source: "scoring")
        switch event {
        case let .score(update):
            return try Envelope(update, header: headers.header(for: ScoreUpdate.self, sequence: sequence))
        case let .highTech(update):
            return try Envelope(update, header: headers.header(for: HighTechUpdate.self, sequence: sequence))
        case .ignored:
            let changed = GradeChanged(
                subjectKind: "enterprise", subjectID: "x", subjectName: "x", schemeID: scheme, previous: nil,
                current: nil, points: 0, ingestSequence: 0)
            return try Envelope(changed, header: headers.header(for: GradeChanged.self, sequence: sequence))
        }
    }

    /// Applies `events` in order (scoring sequences from `firstSequence`) and returns every update.
    static func run(_ events: [ScoringEvent], logic: inout MetricsLogic, firstSequence: UInt64 = 1) -> [MetricUpdate] {
        var updates: [MetricUpdate] = []
        for (offset, event) in events.enumerated() {
            updates += logic.apply(event, scoringSequence: firstSequence + UInt64(offset))
        }
        return updates
    }

    static func key(_ indicator: String, period: String = "2024", scope: MetricScope) -> MetricKey {
        MetricKey(indicator: indicator, period: period, scope: scope, source: .computed)
    }

    static func value(_ logic: MetricsLogic, _ key: MetricKey) -> Decimal? {
        logic.state.values[key]?.value
    }
}

@Suite struct PointsDistributionTests {
    private func distribution(_ values: [Decimal]) -> PointsDistribution {
        var result = PointsDistribution()
        for value in values { result.insert(value) }
        return result
    }

    @Test func medianOfOddAndEvenCountsIsExact() {
        #expect(PointsDistribution().median == nil)
        #expect(distribution([7]).median == 7)
        #expect(distribution([50, 10, 40, 20, 30]).median == 30)
        // Even count: the mean of the two middle values (20 and 30 → 25), exactly.
        #expect(distribution([45, 10, 30, 20]).median == 25)
        // 60.1 and 60.2 → 60.15: halving keeps every digit.
        #expect(distribution([d("60.2"), 1, d("60.1"), 99]).median == d("60.15"))
        #expect(distribution([d("0.1"), d("0.2")]).median == d("0.15"))
    }

    @Test func topDecileThresholdIsTheLowestOfTheBestTenth() {
        #expect(PointsDistribution().topDecileThreshold == nil)
        #expect(distribution([42]).topDecileThreshold == 42)
        // n = 9: the best ⌈0.9⌉ = 1 score.
        #expect(distribution((1...9).map { Decimal($0) }).topDecileThreshold == 9)
        // n = 10: the best one (the top 10 % is one subject).
        #expect(distribution((1...10).map { Decimal($0 * 10) }).topDecileThreshold == 100)
        // n = 11: the best ⌈1.1⌉ = 2, the lower of them is the second best.
        #expect(distribution((1...11).map { Decimal($0) }).topDecileThreshold == 10)
        // n = 20: the best 2 → the second best.
        #expect(distribution((1...20).map { Decimal($0) }).topDecileThreshold == 19)
        // n = 25: the best ⌈2.5⌉ = 3 → the third best.
        #expect(distribution((1...25).map { Decimal($0) }).topDecileThreshold == 23)
        // Ties: the threshold is a value, shared by everyone at it.
        #expect(distribution([5, 9, 9, 9, 1, 1, 1, 1, 1, 1, 1]).topDecileThreshold == 9)
    }

    @Test func insertAndRemoveKeepTheValuesSortedWithDuplicates() {
        var points = distribution([3, 1, 2, 2, 5])
        #expect(points.sorted == [1, 2, 2, 3, 5])
        let removed = points.remove(2)
        #expect(removed)
        #expect(points.sorted == [1, 2, 3, 5])
        let absent = points.remove(4)
        #expect(!absent)
        #expect(points.sorted == [1, 2, 3, 5])
        points.insert(d("2.5"))
        #expect(points.sorted == [1, 2, d("2.5"), 3, 5])
        #expect(PointsDistribution(unsorted: [5, 3, d("2.5"), 2, 1]) == points)
    }

    @Test func randomEditsMatchAFullSort() {
        var random = SystemRandomNumberGenerator()
        var points = PointsDistribution()
        var reference: [Decimal] = []
        for _ in 0..<2000 {
            if !reference.isEmpty, Int.random(in: 0..<3, using: &random) == 0 {
                let index = Int.random(in: 0..<reference.count, using: &random)
                let removed = points.remove(reference.remove(at: index))
                #expect(removed)
            } else {
                let value = Decimal(Int.random(in: 0..<500, using: &random)) / 4
                reference.append(value)
                points.insert(value)
            }
        }
        #expect(points.sorted == reference.sorted())
        #expect(points == PointsDistribution(unsorted: reference))
    }
}

@Suite struct ScoringValueTests {
    typealias S = ScoringFixtures

    @Test func scoresGiveMedianTopDecileAndCountsPerSchemeAndPeriod() {
        var logic = MetricsLogic(catalog: MetricsFixtures.catalog)
        let points: [Decimal] = [62, 48, 75, 90, d("55.5"), 81]
        let events = points.enumerated().map { S.score($0.offset + 1, points: $0.element, ingestSequence: UInt64(10 + $0.offset)) }
        let updates = S.run(events, logic: &logic)
        let scope = MetricScope.scheme(S.scheme)
        // Sorted: 48 55.5 62 75 81 90 → median (62 + 75) / 2 = 68.5; top ⌈0.6⌉ = 1 → 90.
        #expect(S.value(logic, S.key("scoring.points_median", scope: scope)) == d("68.5"))
        #expect(S.value(logic, S.key("scoring.points_p90", scope: scope)) == 90)
        #expect(S.value(logic, S.key("scoring.scored_subjects", scope: scope)) == 6)
        // Nothing for another period or scheme; nothing county-wide.
        #expect(S.value(logic, S.key("scoring.points_median", period: "2023", scope: scope)) == nil)
        #expect(S.value(logic, S.key("scoring.points_median", scope: .county)) == nil)
        // Every update is computed, in 分 / 个, and names the ingest event behind it.
        let last = updates.filter { $0.key.indicator == "scoring.points_median" }.last
        #expect(last?.unit == .fen)
        #expect(last?.ingestSequence == 15)
        #expect(updates.allSatisfy { $0.key.source == .computed })
        #expect(updates.first { $0.key.indicator == "scoring.scored_subjects" }?.unit == .ge)

        // The same subject scored again on the same year's data replaces its score: 90 → 40.
        // Sorted: 40 48 55.5 62 75 81 → median 58.75; top → 81; still 6 subjects.
        let rescored = logic.apply(S.score(4, points: 40, ingestSequence: 20), scoringSequence: 7)
        #expect(S.value(logic, S.key("scoring.points_median", scope: scope)) == d("58.75"))
        #expect(S.value(logic, S.key("scoring.points_p90", scope: scope)) == 81)
        #expect(S.value(logic, S.key("scoring.scored_subjects", scope: scope)) == 6)
        #expect(Set(rescored.map(\.key.indicator)) == ["scoring.points_median", "scoring.points_p90"])
        #expect(rescored.first?.previousValue == d("68.5"))

        // Its score on 2025 data is another period's: 2024 keeps its six.
        _ = logic.apply(S.score(4, points: 70, period: "2025", ingestSequence: 21), scoringSequence: 8)
        #expect(S.value(logic, S.key("scoring.scored_subjects", scope: scope)) == 6)
        #expect(S.value(logic, S.key("scoring.scored_subjects", period: "2025", scope: scope)) == 1)
        #expect(S.value(logic, S.key("scoring.points_median", period: "2025", scope: scope)) == 70)

        // Another scheme is its own population.
        _ = logic.apply(S.score(1, points: 10, scheme: "innovation-points-2024"), scoringSequence: 9)
        #expect(S.value(logic, S.key("scoring.points_median", scope: .scheme("innovation-points-2024"))) == 10)
        #expect(S.value(logic, S.key("scoring.scored_subjects", scope: scope)) == 6)
    }

    @Test func aGradeChangeMovesOneSubjectBetweenGradeCounts() {
        var logic = MetricsLogic(catalog: MetricsFixtures.catalog)
        _ = S.run([
            S.score(1, points: 90, grade: "A"), S.score(2, points: 88, grade: "A"), S.score(3, points: 72, grade: "B"),
            S.score(4, points: 50, grade: nil),
        ], logic: &logic)
        func graded(_ grade: String) -> Decimal? {
            S.value(logic, S.key("scoring.graded_subjects", scope: .grade(grade, scheme: S.scheme)))
        }
        #expect(graded("A") == 2)
        #expect(graded("B") == 1)
        #expect(graded("C") == nil)
        #expect(S.value(logic, S.key("scoring.scored_subjects", scope: .scheme(S.scheme))) == 4)

        // Subject 2 falls from A to B: A 2 → 1, B 1 → 2, one update each (plus the changed statistics).
        let moved = logic.apply(S.score(2, points: 71, grade: "B"), scoringSequence: 5)
        #expect(graded("A") == 1)
        #expect(graded("B") == 2)
        let gradeUpdates = moved.filter { $0.key.indicator == "scoring.graded_subjects" }
        #expect(gradeUpdates.map(\.key.scope) == [.grade("A", scheme: S.scheme), .grade("B", scheme: S.scheme)])
        #expect(gradeUpdates.map(\.previousValue) == [2, 1])

        // Subject 1 loses its grade and 3 moves to A: A stays 1; B falls to 1. Then the last A goes: A is
        // published as 0 (it had a value), never dropped silently.
        _ = logic.apply(S.score(1, points: 60, grade: nil), scoringSequence: 6)
        _ = logic.apply(S.score(3, points: 91, grade: "A"), scoringSequence: 7)
        #expect(graded("A") == 1)
        #expect(graded("B") == 1)
        let emptied = logic.apply(S.score(3, points: 40, grade: nil), scoringSequence: 8)
        #expect(graded("A") == 0)
        #expect(emptied.contains { $0.key.scope == .grade("A", scheme: S.scheme) && $0.value == 0 })
        #expect(logic.state.scoring.grades.values.allSatisfy { !$0.values.contains(0) }, "no zero counts kept")
    }

    @Test func aTierMoveDecrementsTheOldTierAndIncrementsTheNew() throws {
        var logic = MetricsLogic(catalog: MetricsFixtures.catalog)
        _ = S.run([
            try S.highTech(1, tier: .a), try S.highTech(2, tier: .a), try S.highTech(3, tier: .b),
            try S.highTech(4, tier: .c), try S.highTech(5, tier: .c), try S.highTech(6, tier: .c),
        ], logic: &logic)
        func tier(_ id: String, _ period: String = "2024") -> Decimal? {
            S.value(logic, S.key("hightech_pool.tier_\(id)", period: period, scope: .county))
        }
        #expect(tier("a") == 2)
        #expect(tier("b") == 1)
        #expect(tier("c") == 3)

        // Enterprise 1 moves A → B: A 2 → 1, B 1 → 2, two updates in key order.
        let moved = logic.apply(try S.highTech(1, tier: .b, ingestSequence: 44), scoringSequence: 7)
        #expect(moved.map(\.key.indicator) == ["hightech_pool.tier_a", "hightech_pool.tier_b"])
        #expect(moved.map(\.value) == [1, 2])
        #expect(moved.allSatisfy { $0.ingestSequence == 44 && $0.unit == .jia })
        #expect(tier("a") == 1)
        #expect(tier("b") == 2)

        // The same tier again (a new assessment with other numbers): no count changes, no update.
        #expect(logic.apply(try S.highTech(1, tier: .b), scoringSequence: 8).isEmpty)

        // Enterprise 2 assessed on 2025 data: it counts for 2025; 2024 keeps its 2024 tier.
        _ = logic.apply(try S.highTech(2, tier: .c, year: 2025), scoringSequence: 9)
        #expect(tier("a") == 1)
        #expect(tier("c", "2025") == 1)
        #expect(tier("a", "2025") == nil)
        // The last A of 2024 leaves: published as 0.
        let emptied = logic.apply(try S.highTech(2, tier: .b), scoringSequence: 10)
        #expect(emptied.contains { $0.key.indicator == "hightech_pool.tier_a" && $0.value == 0 })
        #expect(tier("b") == 3)
    }

    @Test func anEntryAppliedAgainOrOutOfDateChangesNothing() throws {
        var logic = MetricsLogic(catalog: MetricsFixtures.catalog)
        let events = [S.score(1, points: 80, grade: "A"), S.score(2, points: 60, grade: "B"), try S.highTech(1, tier: .a)]
        _ = S.run(events, logic: &logic)
        let state = logic.state
        // Delivered again with the same sequences (a replay after a crash): nothing.
        #expect(S.run(events, logic: &logic).isEmpty)
        // An older entry for a key (sequence below the recorded one): ignored.
        #expect(logic.apply(S.score(1, points: 10, grade: "C"), scoringSequence: 1).isEmpty)
        #expect(logic.state == state)
        // Entries the metrics service does not use advance nothing.
        #expect(logic.apply(.ignored(GradeChanged.messageType), scoringSequence: 4).isEmpty)
        #expect(logic.state == state)
    }

    @Test func theAggregatesRebuiltFromTheirRecordsEqualTheIncrementalOnes() throws {
        var logic = MetricsLogic(catalog: MetricsFixtures.catalog)
        var events: [ScoringEvent] = []
        for round in 0..<3 {
            for n in 1...15 {
                let points = Decimal((n * 37 + round * 11) % 100)
                events.append(S.score(n, points: points, grade: points >= 70 ? "A" : points >= 40 ? "B" : nil))
                events.append(try S.highTech(n, tier: [HighTechTier.a, .b, .c][(n + round) % 3]))
            }
        }
        _ = S.run(events, logic: &logic)
        let incremental = logic.state.scoring
        let rebuilt = ScoringAggregates(scores: incremental.scores, tiers: incremental.tiers)
        #expect(rebuilt == incremental)
        #expect(incremental.scores.count == 15)
        #expect(incremental.tierCounts["2024"]?.values.reduce(0, +) == 15)
    }
}
