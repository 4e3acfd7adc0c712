import Domain
import Foundation
import Testing
@testable import Scoring

@Suite("高企 innovation evaluation: IP estimate, conversions, pass mark")
struct HighTechEvaluationTests {
    typealias F = HighTechFixture

    private func ip(classI: Int?, classII: Int?, inventionPatents: Int? = nil) throws -> HighTechEvaluation {
        var filings = try F.growingFirm()
        filings[2].ipClassI = classI
        filings[2].ipClassII = classII
        filings[2].inventionPatents = inventionPatents
        return try F.assess(filings).evaluation
    }

    @Test("IP from counts: quantity points (per the notes' bands) × 30/8")
    func intellectualProperty() throws {
        let cases: [(Int?, Int?, Int?, String, String)] = [
            (2, 0, nil, "8", "30"),          // ≥1 class I, two or more → 8
            (1, 9, nil, "7", "26.25"),       // one class I → 7, class II irrelevant
            (nil, 0, 1, "7", "26.25"),       // an invention patent is class I
            (0, 5, nil, "5", "18.75"),       // ≥5 class II → 5
            (0, 12, nil, "6", "22.5"),       // full at 6 and above
            (0, 4, nil, "4", "15"),          // 3–4 → 3–4
            (0, 2, nil, "2", "7.5"),         // 1–2 → 1–2
            (0, 0, nil, "0", "0"),           // none → 0
        ]
        for (classI, classII, patents, quantity, block) in cases {
            let evaluation = try ip(classI: classI, classII: classII, inventionPatents: patents)
            let q = try F.dec(quantity)
            let b = try F.dec(block)
            #expect(evaluation.ipQuantityPoints == q...q, "\(String(describing: classI)) / \(String(describing: classII))")
            #expect(evaluation.intellectualProperty.points == b...b)
        }
    }

    @Test("unreported IP counts give a range: class II 3 known, class I unknown → 11.25…30")
    func intellectualPropertyUnknown() throws {
        let evaluation = try ip(classI: nil, classII: 3)
        #expect(evaluation.ipQuantityPoints == 3...8)
        #expect(evaluation.intellectualProperty.points == (try F.dec("11.25"))...30)
        #expect(evaluation.intellectualProperty.unknownReason == .notReported(field: "ipClassI", years: [2024]))
        let none = try ip(classI: 0, classII: nil)
        #expect(none.intellectualProperty.points == 0...(try F.dec("22.5")))
        // The IP condition is unknown too, rather than "not met".
        var filings = try F.growingFirm()
        filings[2].ipClassI = 0
        filings[2].ipClassII = nil
        #expect(try F.assess(filings).check(.intellectualProperty)?.status
            == .unknown(.notReported(field: "ipClassII", years: [2024])))
    }

    @Test("conversions by yearly average: 2 → 7, 2.33 → 8.67, 5 → 25, 6 → 30, 0.67 → 0; a missing year is unknown")
    func conversions() throws {
        let cases: [([Int], String)] = [
            ([2, 1, 3], "7"), ([2, 3, 2], "8.67"), ([5, 5, 5], "25"), ([6, 6, 6], "30"), ([1, 0, 1], "0"), ([0, 0, 0], "0"),
        ]
        for (counts, expected) in cases {
            let facts = HighTechFacts(conversionsByYear: [2022: counts[0], 2023: counts[1], 2024: counts[2]])
            let evaluation = try F.assess(F.growingFirm(), facts: facts).evaluation
            let points = try F.dec(expected)
            #expect(evaluation.conversion.points == points...points, "\(counts)")
        }
        let partial = try F.assess(F.growingFirm(), facts: HighTechFacts(conversionsByYear: [2023: 4, 2024: 4]))
        #expect(partial.evaluation.conversion.points == 0...30)
        #expect(partial.evaluation.conversion.unknownReason == .factNotProvided(fact: "conversionsByYear", years: [2022]))
        #expect(partial.evaluation.averageConversions == nil)
    }

    @Test("the evaluation passes strictly above 70: exactly 70 fails, 70.01 passes")
    func passMark() throws {
        // IP 30 (expert) + conversions avg 3 → 13 + R&D management 17 + growth 15 % → 5 and 15 % → 5 = 70.
        let filings = try [
            F.filing(year: 2022, revenue: 100, rd: 5, netAssets: 100),
            F.filing(year: 2023, revenue: 115, rd: try F.dec("5.75"), netAssets: 115),
            F.filing(year: 2024, revenue: try F.dec("132.25"), rd: 7, netAssets: try F.dec("132.25")),
        ]
        var facts = try F.fullFacts(rdManagement: 17, conversions: 3)
        facts.intellectualPropertyPoints = 30
        let exactly = try F.assess(filings, facts: facts).evaluation
        #expect(exactly.salesGrowth.rate == (try F.dec("0.15")))
        #expect(exactly.minimumPoints == 70)
        #expect(exactly.isKnown)
        #expect(exactly.outcome == .fails)

        facts.rdManagementPoints = try F.dec("17.01")
        let above = try F.assess(filings, facts: facts)
        #expect(above.evaluation.outcome == .passes)
        #expect(above.eligibility == .eligible)
    }
}
