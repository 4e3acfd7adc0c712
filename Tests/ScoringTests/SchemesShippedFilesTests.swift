import Domain
import Foundation
import Testing
@testable import Scoring

@Suite("Shipped scheme files in compose/config/schemes validate")
struct SchemesShippedFilesTests {
    @Test("every shipped file loads without a single error")
    func everyFileValidates() throws {
        let loader = try SchemesFixtures.loader()
        let schemes: [ScoringScheme]
        do {
            schemes = try loader.loadDirectory(SchemesFixtures.shippedSchemes)
        } catch {
            Issue.record("shipped schemes are invalid:\n\(error)")
            return
        }
        #expect(schemes.map(\.id) == [
            "cohort-ranking-wenzhou-style", "incubator-example", "innovation-points-2024", "innovation-points-2025",
            "rd-institution-example", "talent-team-example", "town-park-example", "university-institute-example",
        ])
    }

    @Test("there is a scheme for every catalog subject kind, and the other kinds' schemes are marked as examples")
    func everyKindCovered() throws {
        let schemes = try SchemesFixtures.loader().loadDirectory(SchemesFixtures.shippedSchemes)
        let catalog = try Catalog.bundled()
        for kind in catalog.subjectKinds {
            let forKind = schemes.filter { $0.subjectKind == kind.id }
            #expect(!forKind.isEmpty, "no scheme for \(kind.id) (\(kind.nameZh))")
            if kind.id != "enterprise" {
                let allExamples = forKind.allSatisfy { $0.isExample }
                #expect(allExamples, "\(kind.id) schemes must be marked example: true")
                #expect(forKind.allSatisfy { $0.note.contains("Example weights") })
            }
        }
    }

    @Test("innovation-points-2024: 技术创新 / 成长经营 / 辅助 with 18 indicators weighted per 初创期 / 成长期 / 稳定期")
    func points2024Shape() throws {
        let scheme = try SchemesFixtures.loader()
            .load(contentsOf: SchemesFixtures.shippedSchemes.appendingPathComponent("innovation-points-2024.yaml"))
        #expect(scheme.categories.map(\.nameZh) == ["技术创新", "成长经营", "辅助"])
        #expect(scheme.indicators.count == 18)
        #expect(scheme.stages.map(\.nameZh) == ["初创期", "成长期", "稳定期"])
        for stage in scheme.stages {
            let sum = scheme.indicators.reduce(Decimal(0)) { $0 + $1.weights.weight(in: stage.id) }
            #expect(sum == 100, "\(stage.id)")
        }
        #expect(scheme.negatives.contains { $0.effect == .veto })
    }

    @Test("innovation-points-2025: 创新投入 / 创新产出 / 创新发展 / 创新影响, 9 base indicators for 100, 3 bonus up to 30")
    func points2025Shape() throws {
        let scheme = try SchemesFixtures.loader()
            .load(contentsOf: SchemesFixtures.shippedSchemes.appendingPathComponent("innovation-points-2025.yaml"))
        #expect(scheme.categories.map(\.nameZh) == ["创新投入", "创新产出", "创新发展", "创新影响"])
        let base = scheme.categories.filter { $0.kind == .base }.flatMap(\.indicators)
        let bonus = scheme.categories.filter { $0.kind == .bonus }.flatMap(\.indicators)
        #expect(base.count == 9)
        #expect(bonus.count == 3)
        #expect(scheme.scale == SchemeScale(base: 100, bonusCap: 30, max: 130))
    }

    @Test("the Wenzhou-style scheme ranks within five revenue bands and lists 领跑 / 竞跑 / 进取")
    func wenzhouShape() throws {
        let scheme = try SchemesFixtures.loader().load(
            contentsOf: SchemesFixtures.shippedSchemes.appendingPathComponent("cohort-ranking-wenzhou-style.yaml"))
        #expect(scheme.cohort.dimensions == [.revenueBand])
        #expect(scheme.cohort.revenueBands.map(\.nameZh) == ["种子期", "初创期", "成长期", "扩张期", "成熟期"])
        #expect(scheme.cohort.revenueBand(for: 999_999)?.id == "seed")
        #expect(scheme.cohort.revenueBand(for: 1_000_000)?.id == "startup")
        #expect(scheme.cohort.revenueBand(for: 100_000_000)?.id == "mature")
        #expect(scheme.grades.tiers.map(\.nameZh) == ["领跑榜", "竞跑榜", "进取榜"])
        #expect(scheme.grades.tiers.map(\.topPercent) == [5, 10, 20])
    }
}
