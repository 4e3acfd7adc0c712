import Foundation
import Testing
@testable import Domain

/// The precomputed phrase index agrees with the matching rule it replaces.
@Suite("Indicator matcher")
struct IndicatorMatcherTests {
    /// The rule before the index: every phrase normalised on each call, Foundation `String.contains`.
    static func reference(_ indicators: [Indicator], subject: String, unit: MeasureUnit?) -> Indicator? {
        let text = PhraseText.normalize(subject)
        guard !text.isEmpty else { return nil }
        var best: (indicator: Indicator, longest: Int, total: Int)?
        for indicator in indicators {
            if let unit, indicator.unit.dimension != unit.dimension { continue }
            var longest = 0
            var total = 0
            for phrase in indicator.phrases {
                let normalized = PhraseText.normalize(phrase)
                guard !normalized.isEmpty, text.contains(normalized) else { continue }
                longest = max(longest, normalized.count)
                total += normalized.count
            }
            guard longest > 0 else { continue }
            if let current = best, (current.longest, current.total) >= (longest, total) { continue }
            best = (indicator, longest, total)
        }
        return best?.indicator
    }

    @Test("every clause of the seed report and every phrase matches as the reference rule does")
    func agreesWithReference() throws {
        let catalog = try Catalog.bundled()
        let report = try String(
            contentsOf: RepositoryPaths.reportFixtures.appendingPathComponent("zhangjiagang-2024.txt"), encoding: .utf8)
        var subjects = report.split(whereSeparator: { "，。；：\n".contains($0) }).map(String.init)
        subjects += catalog.indicators.flatMap(\.phrases)
        subjects += catalog.indicators.flatMap { $0.phrases.map { "2024年\($0)共" } }
        var matched = 0
        for subject in subjects {
            for unit in [nil, MeasureUnit.jia, .wanYuan, .percent, .ren] {
                let expected = Self.reference(catalog.indicators, subject: subject, unit: unit)
                #expect(catalog.matchIndicator(subject: subject, unit: unit)?.id == expected?.id, "\(subject)")
                if expected != nil { matched += 1 }
            }
        }
        #expect(matched > 100)
    }

    @Test("text outside the byte-exact alphabet (accents, combining marks) matches as the reference does")
    func characterSemanticsKept() {
        let indicator = Indicator(
            id: "test.cafe", nameZh: "咖啡", nameEn: "Cafe", unit: .jia, kind: .count, aggregation: .annual,
            program: "p", phrases: ["café", "e"])
        let matcher = IndicatorMatcher(indicators: [indicator])
        #expect(!IndicatorMatcher.isSimple("cafe\u{301}"))
        for subject in ["cafe\u{301}馆", "caf\u{E9}馆", "咖啡馆", "tea"] {
            #expect(matcher.match(subject: subject, unit: nil)?.id
                == Self.reference([indicator], subject: subject, unit: nil)?.id, "\(subject)")
        }
        #expect(!IndicatorMatcher.isSimple("caf\u{E9}"))
        #expect(IndicatorMatcher.isSimple("获评省双创创新类9个%()×、。—"))
    }

    @Test("changing a catalog's indicators rebuilds its matcher; copies keep their own")
    func cacheFollowsIndicators() throws {
        let original = try Catalog.bundled()
        let subject = "科技贷款发放"
        let before = original.matchIndicator(subject: subject)
        var changed = original
        changed.indicators = []
        #expect(changed.matchIndicator(subject: subject) == nil)
        #expect(original.matchIndicator(subject: subject)?.id == before?.id)
        #expect(changed != original)
        #expect(Catalog(indicators: original.indicators) == Catalog(indicators: original.indicators))
    }
}
