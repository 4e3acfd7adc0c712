import Foundation
import Testing
@testable import Scoring

/// The percentile structures (``CohortPercentiles`` over ``IndicatorValues`` and ``ValueCountForest``) against a
/// straightforward reference that keeps every subject's value and counts by scanning: the same percentile, to the
/// `Decimal`'s text, after any sequence of records, moves between cohorts and removals.
@Suite("Percentiles: multisets of values equal a scan of every subject's value")
struct SchemesPercentileTests {
    /// Values with ties, equal values written differently (`1`, `1.0`), values with more than 20 decimal places
    /// and too large for the exact key (compared as `Decimal`s), negatives and zero.
    static let pool: [Decimal] = [
        "0", "1", "1.0", "2.5", "2.50", "-3", "1000000", "999999.999999", "0.0000000000000000000000001",
        "0.00000000000000000000000011", "12345678901234567890123.45", "12345678901234567890123.5", "7", "7.000",
    ].map { Decimal(string: $0) ?? 0 }

    /// Every recorded value by subject, counted by scanning.
    struct Reference {
        var values: [Int: (cohort: Int, value: Decimal)] = [:]

        func countAtMost(_ value: Decimal, in cohort: Int) -> Int {
            values.values.filter { $0.cohort == cohort && $0.value <= value }.count
        }

        func count(in cohort: Int) -> Int {
            values.values.filter { $0.cohort == cohort }.count
        }
    }

    @Test("IndicatorValues: counts after random sets, moves and removals", arguments: 0..<12)
    func indicatorValuesMatchAScan(seed: Int) {
        var random = SchemesRandom(seed: UInt64(seed) &* 0x9E37 &+ 11)
        var values = IndicatorValues()
        var reference = Reference()
        let subjects = seed % 2 == 0 ? 30 : 300
        for step in 0..<2_000 {
            let slot = Int.random(in: 0..<subjects, using: &random)
            if Int.random(in: 0..<6, using: &random) == 0 {
                values.remove(slot: slot)
                reference.values[slot] = nil
            } else {
                let value = Self.pool.randomElement(using: &random) ?? 0
                let cohort = Int.random(in: 0..<3, using: &random)
                values.set(slot: slot, value: OrderedDecimal(value), cohort: cohort)
                reference.values[slot] = (cohort, value)
            }
            let probe = Self.pool.randomElement(using: &random) ?? 0
            for cohort in 0..<4 {
                #expect(values.count(in: cohort) == reference.count(in: cohort), "seed \(seed) step \(step)")
                #expect(values.countAtMost(OrderedDecimal(probe), in: cohort) == reference.countAtMost(probe, in: cohort),
                        "seed \(seed) step \(step) probe \(probe)")
            }
            let recorded = values.recorded(slot: slot)
            #expect(recorded?.cohort == reference.values[slot]?.cohort)
            #expect(recorded.map { $0.value.value == reference.values[slot]?.value } ?? true)
            if step % 100 == 0 { #expect(values.isConsistent(), "seed \(seed) step \(step)") }
        }
        #expect(values.isConsistent())
    }

    @Test("OrderedDecimal orders as Decimal does")
    func orderedDecimalOrdersAsDecimal() {
        for left in Self.pool {
            for right in Self.pool {
                let expected = left < right ? -1 : (right < left ? 1 : 0)
                #expect(OrderedDecimal(left).compare(OrderedDecimal(right)) == expected, "\(left) vs \(right)")
            }
        }
    }

    static let yaml = """
    id: test-percentiles
    version: 1
    nameZh: 百分位测试
    nameEn: Percentile test
    subjectKind: enterprise
    scale: 30
    categories:
      - id: input
        nameZh: 创新投入
        nameEn: Input
        indicators:
          - {id: rd_expense, nameZh: 研发费用, nameEn: R&D expense, source: rdExpense, normalisation: percentile, weight: 10}
          - {id: staff, nameZh: 职工, nameEn: Staff, source: totalStaff, normalisation: percentile, weight: 10}
          - {id: rd_intensity, nameZh: 研发投入强度, nameEn: R&D intensity, source: rdExpense / operatingRevenue * 100, normalisation: percentile, weight: 10}
    cohort:
      by: [revenueBand, town]
      revenueBands:
        source: operatingRevenue
        bands:
          - {id: small, nameZh: 小型, nameEn: Small, below: 5_000_000}
          - {id: large, nameZh: 大型, nameEn: Large, min: 5_000_000}
    """

    /// What the percentiles were before they became multisets: every subject's raw value per indicator, and the
    /// percentile by a scan of the cohort (the subject's own recorded value replaced by the value asked about).
    struct ReferencePercentiles {
        var values: [String: [String: (cohort: CohortKey, raw: Decimal)]] = [:]

        mutating func record(_ assessment: SubjectAssessment) {
            for entry in assessment.indicators where entry.indicator.normalisation.needsCohort {
                if let raw = entry.raw {
                    values[entry.indicator.id, default: [:]][assessment.subjectID] = (assessment.cohort, raw)
                } else {
                    values[entry.indicator.id]?[assessment.subjectID] = nil
                }
            }
        }

        func percentile(indicator: String, value: Decimal, subject: String, cohort: CohortKey) -> Decimal {
            guard let subjects = values[indicator] else { return 1 }
            let others = subjects.filter { $0.key != subject && $0.value.cohort == cohort }.map(\.value.raw)
            return Decimal(others.filter { $0 <= value }.count + 1) / Decimal(others.count + 1)
        }
    }

    @Test("CohortPercentiles: the percentile and the scores equal the reference's", arguments: 0..<8)
    func percentilesMatchTheReference(seed: Int) async throws {
        let scorer = SchemeScorer(scheme: try SchemesFixtures.testScheme(Self.yaml))
        var random = SchemesRandom(seed: UInt64(seed) &* 7_919 &+ 5)
        var percentiles = CohortPercentiles()
        var reference = ReferencePercentiles()
        var cohorts: Set<CohortKey> = []
        let towns = ["锦丰镇", "塘桥镇", nil]
        for step in 0..<600 {
            if step % 25 == 0 { await Task.yield() }  // seconds of work over the cases: let other suites' awaits run
            let subject = "s\(Int.random(in: 0..<25, using: &random))"
            var values: [String: Decimal] = [
                "operatingRevenue": [Decimal(1_000_000), 4_999_999, 5_000_000, 80_000_000, 3]
                    .randomElement(using: &random) ?? 1,
            ]
            if Int.random(in: 0..<5, using: &random) > 0 { values["rdExpense"] = Self.pool.randomElement(using: &random) }
            if Int.random(in: 0..<4, using: &random) > 0 { values["totalStaff"] = Decimal(Int.random(in: 0...6, using: &random)) }
            let inputs = SchemesFixtures.subject(subject, values, town: towns.randomElement(using: &random) ?? nil)
            guard case let .success(assessment) = scorer.assess(inputs) else { continue }
            percentiles.record(assessment)
            reference.record(assessment)
            cohorts.insert(assessment.cohort)
            #expect(percentiles.isConsistent(), "seed \(seed) step \(step)")
            // The subject's own score, as the logic computes it right after recording.
            let score = scorer.score(assessment, percentiles: percentiles)
            for line in score.indicators {
                guard let raw = line.raw else { continue }
                let expected = reference.percentile(
                    indicator: line.indicatorID, value: raw, subject: subject, cohort: assessment.cohort)
                #expect(line.normalised == expected && line.normalised?.description == expected.description,
                        "seed \(seed) step \(step) \(line.indicatorID)")
            }
            // Any subject, any value, any cohort seen.
            let other = "s\(Int.random(in: 0..<30, using: &random))"
            let value = Self.pool.randomElement(using: &random) ?? 0
            for cohort in cohorts {
                for indicator in ["rd_expense", "staff", "rd_intensity", "absent"] {
                    let actual = percentiles.percentile(indicator: indicator, value: value, subject: other, cohort: cohort)
                    let expected = reference.percentile(indicator: indicator, value: value, subject: other, cohort: cohort)
                    #expect(actual == expected && actual.description == expected.description,
                            "seed \(seed) step \(step) \(indicator) \(cohort)")
                }
            }
        }
        for subject in (0..<25).map({ "s\($0)" }) where Int.random(in: 0..<2, using: &random) == 0 {
            percentiles.remove(subject: subject)
            for indicator in reference.values.keys { reference.values[indicator]?[subject] = nil }
        }
        #expect(percentiles.isConsistent())
        for cohort in cohorts {
            for indicator in ["rd_expense", "staff", "rd_intensity"] {
                #expect(percentiles.count(indicator: indicator, cohort: cohort)
                    == (reference.values[indicator] ?? [:]).values.filter { $0.cohort == cohort }.count)
                let value = Self.pool.randomElement(using: &random) ?? 0
                #expect(percentiles.percentile(indicator: indicator, value: value, subject: "s0", cohort: cohort)
                    == reference.percentile(indicator: indicator, value: value, subject: "s0", cohort: cohort))
            }
        }
    }
}
