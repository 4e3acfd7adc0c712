import Foundation
import Testing
@testable import Scoring

/// Percentile normalisation within cohorts, cohort keys, and grading by cohort-percentile tiers.
@Suite("Cohorts: percentile normalisation, cohort keys, percentile tiers")
struct SchemesCohortTests {
    static let yaml = """
    id: test-cohort
    version: 1
    nameZh: 同档排名测试
    nameEn: Cohort test
    subjectKind: enterprise
    scale: 20
    categories:
      - id: input
        nameZh: 创新投入
        nameEn: Input
        indicators:
          - {id: rd_expense, nameZh: 研发费用, nameEn: R&D expense, source: rdExpense, normalisation: percentile, weight: 10}
          - {id: rd_intensity, nameZh: 研发投入强度, nameEn: R&D intensity, source: rdExpense / operatingRevenue * 100, normalisation: {type: linear, reference: 4}, weight: 10}
    cohort:
      by: [revenueBand, town]
      revenueBands:
        source: operatingRevenue
        bands:
          - {id: small, nameZh: 小型, nameEn: Small, below: 5_000_000}
          - {id: large, nameZh: 大型, nameEn: Large, min: 5_000_000}
    grades:
      tiers:
        - {id: leading, nameZh: 领跑, nameEn: Leading, topPercent: 25}
        - {id: racing, nameZh: 竞跑, nameEn: Racing, topPercent: 50}
    """

    static func firm(_ id: String, rd: Decimal, revenue: Decimal = 1_000_000, town: String? = "锦丰镇") -> SubjectInputs {
        SchemesFixtures.subject(id, ["rdExpense": rd, "operatingRevenue": revenue], town: town)
    }

    /// Four firms in (small, 锦丰镇) with R&D ¥10k, ¥20k, ¥20k, ¥40k of ¥1 M revenue, recorded in a cohort.
    static func fourFirms() throws -> (SchemeScorer, CohortPercentiles, [SubjectAssessment]) {
        let scorer = SchemeScorer(scheme: try SchemesFixtures.testScheme(yaml))
        var percentiles = CohortPercentiles()
        let assessments = try [("a", 10_000), ("b", 20_000), ("c", 20_000), ("d", 40_000)].map { id, rd in
            try scorer.assess(firm(id, rd: Decimal(rd))).get()
        }
        for assessment in assessments { percentiles.record(assessment) }
        return (scorer, percentiles, assessments)
    }

    @Test("cohort keys: revenue band and town; unknown values are 未知")
    func cohortKeys() throws {
        let scorer = SchemeScorer(scheme: try SchemesFixtures.testScheme(SchemesCohortTests.yaml))
        let small = SchemesCohortTests.firm("a", rd: 1, revenue: 4_999_999)
        #expect(scorer.cohort(for: small, stage: nil).description == "revenueBand=small · town=锦丰镇")
        let large = SchemesCohortTests.firm("b", rd: 1, revenue: 5_000_000, town: nil)
        #expect(scorer.cohort(for: large, stage: nil).description == "revenueBand=large · town=未知")
        let noRevenue = SchemesFixtures.subject("c", ["rdExpense": 1], town: "塘桥镇")
        #expect(scorer.cohort(for: noRevenue, stage: nil).description == "revenueBand=未知 · town=塘桥镇")
    }

    @Test("percentile = share of the cohort at or below: ¥10k 1/4, ¥20k 3/4 (ties share), ¥40k 1 → × 10 points")
    func percentileWithinCohort() throws {
        let (scorer, percentiles, assessments) = try SchemesCohortTests.fourFirms()
        let scores = assessments.map { scorer.score($0, percentiles: percentiles) }
        #expect(scores.map { $0.indicator("rd_expense")?.normalised } == [
            Decimal(text: "0.25"), Decimal(text: "0.75"), Decimal(text: "0.75"), 1,
        ])
        #expect(scores.map { $0.indicator("rd_expense")?.points } == [Decimal(text: "2.5"), Decimal(text: "7.5"), Decimal(text: "7.5"), 10])
        // R&D intensity 1 %, 2 %, 2 %, 4 % of the 4 % reference × 10.
        #expect(scores.map { $0.indicator("rd_intensity")?.points } == [Decimal(text: "2.5"), 5, 5, 10])
        #expect(scores.map(\.total) == [5, Decimal(text: "12.5"), Decimal(text: "12.5"), 20])
    }

    @Test("other cohorts do not count: a firm alone in its town or band earns the full percentile")
    func separateCohorts() throws {
        var (scorer, percentiles, _) = try SchemesCohortTests.fourFirms()
        let other = try scorer.assess(SchemesCohortTests.firm("e", rd: 5_000, town: "塘桥镇")).get()
        percentiles.record(other)
        let score = scorer.score(other, percentiles: percentiles)
        #expect(score.indicator("rd_expense")?.normalised == 1)
        #expect(score.total == Decimal(text: "11.25"))
        let large = try scorer.assess(SchemesCohortTests.firm("f", rd: 10_000, revenue: 10_000_000)).get()
        percentiles.record(large)
        #expect(scorer.score(large, percentiles: percentiles).indicator("rd_expense")?.normalised == 1)
        #expect(percentiles.count(indicator: "rd_expense", cohort: other.cohort) == 1)
    }

    @Test("an unrecorded subject counts itself: ¥30k among the four → (3 + 1) / 5 = 0.8")
    func unrecordedSubject() throws {
        let (scorer, percentiles, _) = try SchemesCohortTests.fourFirms()
        let newcomer = try scorer.assess(SchemesCohortTests.firm("h", rd: 30_000)).get()
        #expect(scorer.score(newcomer, percentiles: percentiles).indicator("rd_expense")?.normalised == Decimal(text: "0.8"))
    }

    @Test("re-recording one subject moves the others: a at ¥50k → 1, d drops to 3/4; missing values leave")
    func updatesMoveOthers() throws {
        var (scorer, percentiles, assessments) = try SchemesCohortTests.fourFirms()
        let a = try scorer.assess(SchemesCohortTests.firm("a", rd: 50_000)).get()
        // Before recording, a's new value is already ranked against the others (its old value ignored).
        #expect(scorer.score(a, percentiles: percentiles).indicator("rd_expense")?.normalised == 1)
        percentiles.record(a)
        #expect(scorer.score(a, percentiles: percentiles).indicator("rd_expense")?.normalised == 1)
        #expect(scorer.score(assessments[3], percentiles: percentiles).indicator("rd_expense")?.normalised == Decimal(text: "0.75"))
        // A reported 0 is a value and stays in the cohort; a missing value takes b out of it.
        let b = SchemesFixtures.subject("b", ["operatingRevenue": 1_000_000, "rdExpense": 0], town: "锦丰镇")
        percentiles.record(try scorer.assess(b).get())
        #expect(percentiles.count(indicator: "rd_expense", cohort: a.cohort) == 4)
        var withoutRD = try scorer.assess(b).get()
        withoutRD.indicators[0].raw = nil
        withoutRD.indicators[0].missing = .absent(["rdExpense"])
        percentiles.record(withoutRD)
        #expect(percentiles.count(indicator: "rd_expense", cohort: a.cohort) == 3)
        percentiles.remove(subject: "c")
        #expect(percentiles.count(indicator: "rd_expense", cohort: a.cohort) == 2)
    }

    @Test("tiers by rank: in a cohort of 4, rank 1 is 领跑 (1 ≤ 25 % × 4), tied rank 2 竞跑 (2 ≤ 50 % × 4), rank 4 none")
    func tiersFromRanking() throws {
        let (scorer, percentiles, assessments) = try SchemesCohortTests.fourFirms()
        var ranking = CohortRanking()
        for assessment in assessments {
            let score = scorer.score(assessment, percentiles: percentiles)
            ranking.upsert(score.subjectID, points: score.total, cohort: score.cohort)
        }
        let tiers = scorer.scheme.grades.tiers
        #expect(ranking.tier(of: "d", tiers: tiers)?.nameZh == "领跑")
        #expect(ranking.tier(of: "b", tiers: tiers)?.nameZh == "竞跑")
        #expect(ranking.tier(of: "c", tiers: tiers)?.nameZh == "竞跑")
        #expect(ranking.tier(of: "a", tiers: tiers) == nil)
        #expect(ranking.ranked(in: assessments[0].cohort).map(\.rank) == [1, 2, 2, 4])
        #expect(ranking.ranked(in: assessments[0].cohort).map(\.subject) == ["d", "b", "c", "a"])
    }

    @Test("top 5 % / 10 % / 20 % of a cohort of 20: rank 1 领跑, 2 竞跑, 3–4 进取, 5 none; ties share the better tier")
    func wenzhouTiers() throws {
        let tiers = [
            PercentileTier(id: "leading", nameZh: "领跑榜", nameEn: "Leading", topPercent: 5),
            PercentileTier(id: "racing", nameZh: "竞跑榜", nameEn: "Racing", topPercent: 10),
            PercentileTier(id: "striving", nameZh: "进取榜", nameEn: "Striving", topPercent: 20),
        ]
        var ranking = CohortRanking()
        for index in 1...20 {
            ranking.upsert("s\(index)", points: Decimal(100 - index), cohort: .all)
        }
        #expect((1...5).map { ranking.tier(of: "s\($0)", tiers: tiers)?.nameZh } == ["领跑榜", "竞跑榜", "进取榜", "进取榜", nil])
        // s3 ties with s2: both rank 2, both 竞跑榜.
        ranking.upsert("s3", points: 98, cohort: .all)
        #expect(ranking.rank(of: "s3") == 2)
        #expect(ranking.tier(of: "s3", tiers: tiers)?.nameZh == "竞跑榜")
        // In a cohort of 10, top 5 % holds nobody (1 × 100 > 5 × 10).
        var small = CohortRanking()
        for index in 1...10 { small.upsert("t\(index)", points: Decimal(index), cohort: .all) }
        #expect(small.tier(of: "t10", tiers: tiers)?.nameZh == "竞跑榜")
    }
}
