import Contracts
import Domain
import Foundation
import KechuangTestSupport
import Scoring
@testable import ScoringService
import Testing

/// The scoring service's pure logic, on the shipped scheme files.
@Suite struct ScoringLogicTests {
    static let schemes: [ScoringScheme] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("compose/config/schemes")
        guard let catalog = try? Catalog.bundled(),
              let loaded = try? SchemeLoader(vocabulary: .standard(catalog: catalog)).loadDirectory(folder) else { return [] }
        return loaded
    }()

    static func code(_ n: Int) throws -> UnifiedSocialCreditCode {
        let digits = String(n)
        return try UnifiedSocialCreditCode.make(
            prefix17: "91320582MB" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits)
    }

    static func filing(_ n: Int, year: Int, revenue: Decimal, rdPercent: Decimal) throws -> FilingRecorded {
        FilingRecorded(documentID: "doc", row: n, filing: EnterpriseFiling(
            year: year, creditCode: try code(n), enterpriseName: "企业\(n)", operatingRevenue: Money(revenue, .yuan),
            rdExpense: Money(revenue * rdPercent / 100, .yuan), totalStaff: 50, stStaff: 6, rdStaff: 5,
            highTechRevenue: Money(revenue * 7 / 10, .yuan), netAssets: Money(revenue / 2, .yuan), inventionPatents: n % 4,
            ipClassI: 1, town: "杨舍镇"))
    }

    @Test func theShippedSchemesLoad() {
        #expect(Self.schemes.count >= 8)
        #expect(Set(Self.schemes.map(\.subjectKind)).isSuperset(of: ["enterprise", "incubator", "talent_team"]))
    }

    @Test func aFilingIsScoredUnderEveryEnterpriseSchemeAndAssessedForHighTech() throws {
        var logic = ScoringLogic(schemes: Self.schemes)
        let outputs = logic.apply(try Self.filing(1, year: 2024, revenue: 80_000_000, rdPercent: 5), ingestSequence: 7)
        let scores = outputs.compactMap { if case let .score(update) = $0 { update } else { nil } }
        let enterpriseSchemes = Self.schemes.filter { $0.subjectKind == "enterprise" }
        // Every enterprise scheme scores it unless its stage needs data filings lack.
        #expect(!scores.isEmpty && scores.count <= enterpriseSchemes.count)
        for score in scores {
            #expect(score.ingestSequence == 7)
            #expect(score.rank == 1 && score.cohortSize == 1)
            #expect(score.previousPoints == nil)
            #expect(score.breakdown.contains { $0.indicator == "rd_intensity" && $0.raw == 5 })
        }
        let highTech = outputs.compactMap { if case let .highTech(update, _) = $0 { update } else { nil } }
        #expect(highTech.count == 1)
        #expect(outputs.contains { if case .highTechChanged = $0 { true } else { false } })
    }

    @Test func aSecondEnterpriseMovesRanksAndTheSameFilingAgainPublishesNothing() throws {
        var logic = ScoringLogic(schemes: Self.schemes)
        _ = logic.apply(try Self.filing(1, year: 2024, revenue: 80_000_000, rdPercent: 3), ingestSequence: 1)
        let second = logic.apply(try Self.filing(2, year: 2024, revenue: 80_000_000, rdPercent: 6), ingestSequence: 2)
        let scores = second.compactMap { if case let .score(update) = $0 { update } else { nil } }
        #expect(scores.contains { $0.cohortSize == 2 })
        let again = logic.apply(try Self.filing(2, year: 2024, revenue: 80_000_000, rdPercent: 6), ingestSequence: 3)
        #expect(again.isEmpty, "identical data changes nothing")
        let ranking = try #require(logic.ranking(schemeID: "innovation-points-2025", kind: "enterprise", cohort: nil, top: 10))
        #expect(ranking.rows.map(\.points) == ranking.rows.map(\.points).sorted(by: >))
    }

    @Test func anIncubatorRecordIsScoredUnderItsKindsScheme() {
        var logic = ScoringLogic(schemes: Self.schemes)
        let record = SubjectRecord(
            kind: "incubator", id: "FH-001", name: "张家港科创园孵化器", town: "杨舍镇", period: "2024",
            values: ["level": 4, "area": 12_000, "tenants": 40, "graduates": 10, "hightechTenants": 8,
                     "financedTenants": 6, "incubationFund": 20_000_000, "nationalEvaluationGrade": 2])
        let outputs = logic.apply(SubjectRecorded(documentID: "d", row: 1, record: record), ingestSequence: 9)
        let scores = outputs.compactMap { if case let .score(update) = $0 { update } else { nil } }
        #expect(scores.map(\.schemeID) == ["incubator-example"])
        let score = try? #require(scores.first)
        #expect(score?.subjectKind == "incubator")
        #expect(score?.subjectName == "张家港科创园孵化器")
        #expect((score?.points ?? 0) > 0)
        // area 12 000 m² against a 10 000 reference: capped at full marks.
        #expect(score?.breakdown.first { $0.indicator == "area" }?.normalised == 1)
        #expect(logic.find("孵化器").map(\.id) == ["FH-001"])
        #expect(logic.highTech.isEmpty)
    }

    @Test func aRecordWithoutAnyValueOfItsSchemeGetsNoScoreNotZero() {
        var logic = ScoringLogic(schemes: Self.schemes)
        let record = SubjectRecord(kind: "incubator", id: "FH-002", name: "空数据孵化器", period: "2024", values: [:])
        let outputs = logic.apply(SubjectRecorded(documentID: "d", row: 1, record: record), ingestSequence: 1)
        #expect(outputs.isEmpty)
        #expect(logic.counts.scores == 0)
    }

    /// The logic is a function of the ordered facts: applying them again in a fresh logic gives the same state.
    @Test(arguments: 0..<20)
    func replayingTheFactsRebuildsTheSameScores(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &* 7919 &+ 1)
        var facts: [FilingRecorded] = []
        for _ in 0..<40 {
            let n = Int.random(in: 1...12, using: &random)
            let year = Int.random(in: 2022...2024, using: &random)
            facts.append(try Self.filing(n, year: year, revenue: Decimal(Int.random(in: 1...300, using: &random)) * 1_000_000,
                                         rdPercent: Decimal(Int.random(in: 1...9, using: &random))))
        }
        var live = ScoringLogic(schemes: Self.schemes)
        for (index, fact) in facts.enumerated() { _ = live.apply(fact, ingestSequence: UInt64(index + 1)) }
        var rebuilt = ScoringLogic(schemes: Self.schemes)
        for (index, fact) in facts.enumerated() { _ = rebuilt.apply(fact, ingestSequence: UInt64(index + 1)) }
        #expect(live.rescoreAll() == rebuilt.rescoreAll(), "seed \(seed)")
        #expect(live.highTech == rebuilt.highTech)
    }
}

/// Settling removes the dependence of percentile-normalised scores on the order filings arrived in.
@Suite struct ScoringSettleTests {
    /// Every scheme's ranking (cohort, rank, subject, points, grade), as queries show it.
    static func rankings(_ logic: ScoringLogic) -> [String] {
        ScoringLogicTests.schemes.flatMap { scheme -> [String] in
            (logic.ranking(schemeID: scheme.id, kind: scheme.subjectKind, cohort: nil, top: 1000)?.rows ?? []).map {
                "\(scheme.id) \($0.cohort) \($0.rank) \($0.subjectID) \($0.points) \($0.grade?.id ?? "-")"
            }
        }
    }

    @Test(arguments: 0..<8)
    func afterASettleScoresDependOnTheDataNotTheOrder(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &* 104_729 &+ 3)
        var facts: [FilingRecorded] = []
        for n in 1...30 {
            facts.append(try ScoringLogicTests.filing(
                n, year: 2024, revenue: Decimal(Int.random(in: 1...300, using: &random)) * 1_000_000,
                rdPercent: Decimal(Int.random(in: 1...9, using: &random))))
        }
        var forward = ScoringLogic(schemes: ScoringLogicTests.schemes)
        for (index, fact) in facts.enumerated() { _ = forward.apply(fact, ingestSequence: UInt64(index + 1)) }
        var backward = ScoringLogic(schemes: ScoringLogicTests.schemes)
        for (index, fact) in facts.reversed().enumerated() { _ = backward.apply(fact, ingestSequence: UInt64(index + 1)) }
        // Unsettled, percentile schemes disagree: the first subjects were scored against fewer others.
        #expect(Self.rankings(forward) != Self.rankings(backward), "seed \(seed)")
        #expect(!forward.settle().isEmpty)
        _ = backward.settle()
        #expect(Self.rankings(forward) == Self.rankings(backward), "seed \(seed)")
        #expect(forward.settle().isEmpty, "a second settle changes nothing")
    }
}
