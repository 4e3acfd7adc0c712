import Contracts
import Foundation
import KechuangTestSupport
import Messaging
@testable import ScoringService
import Testing

/// `ScoreUpdateBody` must write exactly the bytes of the generic encoder (`EnvelopeCodec.encodeBody`).
@Suite struct ScoreUpdateBodyTests {
    static func text(_ random: inout SeededRandom) -> String {
        let pieces = ["研发投入强度", "R&D intensity (% of revenue)", "\"quoted\"", "back\\slash", "tab\there", "line\nbreak",
                      "\u{1}", "/slash/", "🚀", "e\u{301}", "\u{2028}", "", "张家港", "A"]
        return (0..<Int.random(in: 0...3, using: &random)).map { _ in
            pieces[Int.random(in: 0..<pieces.count, using: &random)]
        }.joined()
    }

    static func decimal(_ random: inout SeededRandom) -> Decimal {
        let base = Decimal(Int.random(in: -1_000_000...1_000_000, using: &random))
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return base
        case 1: return base / Decimal(Int.random(in: 1...97, using: &random))  // 38-digit quotients
        case 2: return base / 100
        case 3: return Decimal(sign: .plus, exponent: Int.random(in: -12...12, using: &random), significand: base)
        default: return 0
        }
    }

    static func update(_ random: inout SeededRandom) -> ScoreUpdate {
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &random) ? make() : nil }
        let categories = (0..<Int.random(in: 0...4, using: &random)).map { _ in
            ScoreCategoryPoints(id: text(&random), nameZh: text(&random), nameEn: text(&random),
                                points: decimal(&random), cap: Bool.random(using: &random) ? decimal(&random) : nil)
        }
        let breakdown = (0..<Int.random(in: 0...8, using: &random)).map { _ in
            ScoreBreakdownLine(
                indicator: text(&random), nameZh: text(&random), nameEn: text(&random), category: text(&random),
                raw: Bool.random(using: &random) ? decimal(&random) : nil,
                normalised: Bool.random(using: &random) ? decimal(&random) : nil,
                weight: decimal(&random), points: decimal(&random),
                missing: Bool.random(using: &random) ? text(&random) : nil)
        }
        return ScoreUpdate(
            subjectKind: text(&random), subjectID: text(&random), subjectName: text(&random),
            town: Bool.random(using: &random) ? text(&random) : nil, period: text(&random), schemeID: text(&random),
            schemeVersion: Int.random(in: -5...100_000, using: &random), points: decimal(&random),
            categories: categories, breakdown: breakdown,
            negatives: (0..<Int.random(in: 0...2, using: &random)).map { _ in text(&random) },
            vetoedBy: (0..<Int.random(in: 0...2, using: &random)).map { _ in text(&random) },
            stage: Bool.random(using: &random) ? text(&random) : nil, cohort: text(&random),
            grade: Bool.random(using: &random)
                ? ScoreGrade(id: text(&random), nameZh: text(&random), nameEn: text(&random)) : nil,
            rank: Int.random(in: 0...100_000, using: &random), cohortSize: Int.random(in: 0...100_000, using: &random),
            previousPoints: Bool.random(using: &random) ? decimal(&random) : nil,
            ingestSequence: UInt64.random(in: 0...UInt64.max, using: &random))
    }

    @Test func randomUpdatesAreWrittenByteForByteLikeTheGenericEncoder() throws {
        var random = SeededRandom(seed: 1_015)
        for _ in 0..<3_000 {
            let update = Self.update(&random)
            #expect(try ScoreUpdateBody.encode(update) == EnvelopeCodec.encodeBody(update))
        }
    }

    @Test func aNaNTakesTheGenericPathAndItsError() {
        var random = SeededRandom(seed: 8)
        var update = Self.update(&random)
        update.points = .nan
        #expect(throws: EnvelopeError.self) { try ScoreUpdateBody.encode(update) }
    }
}
