import Foundation
import Testing
@testable import Scoring

/// A deterministic generator for the property tests (SplitMix64).
struct SchemesRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

@Suite("CohortRanking: incremental ranking equals a full re-sort")
struct SchemesRankingTests {
    static let cohorts = [
        CohortKey([.init(dimension: "revenueBand", value: "seed")]),
        CohortKey([.init(dimension: "revenueBand", value: "growth")]),
        CohortKey([.init(dimension: "revenueBand", value: "mature")]),
    ]

    @Test("ranks, ties, listing order, percentiles on a small example")
    func example() {
        var ranking = CohortRanking()
        let cohort = CohortKey.all
        ranking.upsert("b", points: 80, cohort: cohort)
        ranking.upsert("a", points: 80, cohort: cohort)
        ranking.upsert("c", points: 95, cohort: cohort)
        ranking.upsert("d", points: Decimal(text: "60.5"), cohort: cohort)
        #expect(ranking.ranked(in: cohort) == [
            RankedSubject(subject: "c", points: 95, rank: 1),
            RankedSubject(subject: "a", points: 80, rank: 2),
            RankedSubject(subject: "b", points: 80, rank: 2),
            RankedSubject(subject: "d", points: Decimal(text: "60.5"), rank: 4),
        ])
        #expect(ranking.position(of: "a") == CohortPosition(
            cohort: cohort, points: 80, rank: 2, cohortSize: 4, percentile: Decimal(text: "0.75")))
        #expect(ranking.position(of: "d")?.percentile == Decimal(text: "0.25"))
        #expect(ranking.ranked(in: cohort, offset: 2, limit: 1) == [RankedSubject(subject: "b", points: 80, rank: 2)])
        // 80.0 equals 80: an update to the same value changes nothing.
        ranking.upsert("a", points: Decimal(text: "80.0"), cohort: cohort)
        #expect(ranking.rank(of: "a") == 2)
        ranking.upsert("d", points: 100, cohort: cohort)
        #expect(ranking.rank(of: "d") == 1)
        #expect(ranking.rank(of: "c") == 2)
        let removed = ranking.remove("c")
        let removedTwice = ranking.remove("c")
        #expect(removed)
        #expect(!removedTwice)
        #expect(ranking.rank(of: "c") == nil)
        #expect(ranking.count == 3)
        let other = CohortKey([.init(dimension: "town", value: "锦丰镇")])
        ranking.upsert("a", points: 10, cohort: other)
        #expect(ranking.rank(of: "a") == 1)
        #expect(ranking.count(in: cohort) == 2)
        #expect(ranking.cohorts == [cohort, other].sorted())
        #expect(ranking.isConsistent())
    }

    @Test("after random inserts, updates and removes, every rank and listing equals a full re-sort (300 seeds)")
    func propertyIncrementalEqualsResort() async {
        for seed in UInt64(1)...300 {
            await Task.yield()  // seconds of work in all: leave the shared pool's threads to other suites now and then
            var random = SchemesRandom(seed: seed)
            var ranking = CohortRanking()
            var model: [String: (cohort: CohortKey, points: Decimal)] = [:]
            let subjects = (0..<40).map { "s\($0)" }
            for step in 0..<250 {
                let subject = subjects[Int.random(in: 0..<subjects.count, using: &random)]
                if Int.random(in: 0..<5, using: &random) == 0 {
                    let removed = ranking.remove(subject)
                    #expect(removed == (model.removeValue(forKey: subject) != nil))
                } else {
                    // Few distinct values in half steps, so ties are frequent.
                    let points = Decimal(Int.random(in: 0...24, using: &random)) / 2
                    let cohort = SchemesRankingTests.cohorts[Int.random(in: 0..<3, using: &random)]
                    ranking.upsert(subject, points: points, cohort: cohort)
                    model[subject] = (cohort, points)
                }
                if step % 25 == 24 { SchemesRankingTests.compare(ranking, model, seed: seed) }
            }
            SchemesRankingTests.compare(ranking, model, seed: seed)
        }
    }

    @Test("a bulk upsert ranks exactly like the same upserts one by one (200 seeds)")
    func propertyBulkEqualsOneByOne() {
        for seed in UInt64(1)...200 {
            var random = SchemesRandom(seed: seed)
            var bulk = CohortRanking()
            let subjects = (0..<60).map { "s\($0)" }
            for _ in 0..<Int.random(in: 0...80, using: &random) {
                let subject = subjects[Int.random(in: 0..<subjects.count, using: &random)]
                bulk.upsert(subject, points: Decimal(Int.random(in: 0...20, using: &random)) / 2,
                            cohort: SchemesRankingTests.cohorts[Int.random(in: 0..<3, using: &random)])
            }
            var oneByOne = bulk
            var members: [(subject: String, points: Decimal, cohort: CohortKey)] = []
            for subject in subjects.shuffled(using: &random).prefix(Int.random(in: 1...60, using: &random)) {
                // "10.0" equals 10: the stored spelling must stay the earlier one either way.
                let value = Int.random(in: 0...20, using: &random)
                let points = Bool.random(using: &random) ? Decimal(value) / 2 : Decimal(string: "\(value / 2).0") ?? 0
                members.append((subject, points, SchemesRankingTests.cohorts[Int.random(in: 0..<3, using: &random)]))
            }
            for member in members { oneByOne.upsert(member.subject, points: member.points, cohort: member.cohort) }
            bulk.upsertAll(members)
            #expect(bulk.isConsistent(), "seed \(seed)")
            #expect(bulk.cohorts == oneByOne.cohorts, "seed \(seed)")
            for cohort in oneByOne.cohorts {
                let expected = oneByOne.ranked(in: cohort)
                let got = bulk.ranked(in: cohort)
                #expect(got == expected && got.map(\.points.description) == expected.map(\.points.description),
                        "seed \(seed) cohort \(cohort)")
            }
            for subject in subjects { #expect(bulk.position(of: subject) == oneByOne.position(of: subject)) }
        }
    }

    @Test("a tree built from sorted elements is valid and holds them in order")
    func treeFromSorted() {
        for count in [0, 1, 2, 3, 17, 1000] {
            let tree = OrderStatisticTree(sorted: Array(0..<count))
            #expect(tree.isValid())
            #expect(tree.count == count)
            #expect(tree.elements(from: 0, limit: .max) == Array(0..<count))
            var grown = tree
            grown.insert(count)
            let removed = grown.remove(0)
            #expect(removed)
            #expect(grown.isValid())
        }
    }

    /// Checks `ranking` against a full sort of `model`.
    static func compare(
        _ ranking: CohortRanking, _ model: [String: (cohort: CohortKey, points: Decimal)], seed: UInt64
    ) {
        #expect(ranking.count == model.count, "seed \(seed)")
        #expect(ranking.isConsistent(), "seed \(seed)")
        let tiers = [
            PercentileTier(id: "leading", nameZh: "领跑", nameEn: "Leading", topPercent: 5),
            PercentileTier(id: "racing", nameZh: "竞跑", nameEn: "Racing", topPercent: 10),
            PercentileTier(id: "striving", nameZh: "进取", nameEn: "Striving", topPercent: 20),
        ]
        for cohort in cohorts {
            let members = model.filter { $0.value.cohort == cohort }
                .map { (subject: $0.key, points: $0.value.points) }
                .sorted { $0.points != $1.points ? $0.points > $1.points : $0.subject < $1.subject }
            var expected: [RankedSubject] = []
            for (index, member) in members.enumerated() {
                let rank = index > 0 && members[index - 1].points == member.points ? expected[index - 1].rank : index + 1
                expected.append(RankedSubject(subject: member.subject, points: member.points, rank: rank))
            }
            #expect(ranking.ranked(in: cohort) == expected, "seed \(seed) \(cohort)")
            #expect(ranking.count(in: cohort) == members.count, "seed \(seed)")
            for line in expected {
                let atMost = members.filter { $0.points <= line.points }.count
                let position = ranking.position(of: line.subject)
                #expect(position?.rank == line.rank, "seed \(seed) \(line.subject)")
                #expect(position?.percentile == Decimal(atMost) / Decimal(members.count), "seed \(seed)")
                let tier = tiers.first { Decimal(line.rank) * 100 <= $0.topPercent * Decimal(members.count) }
                #expect(ranking.tier(of: line.subject, tiers: tiers) == tier, "seed \(seed)")
            }
            if members.count > 3 {
                #expect(ranking.ranked(in: cohort, offset: 2, limit: 2) == Array(expected[2..<4]), "seed \(seed)")
            }
        }
    }

    @Test("the tree stays valid and sized through 10 000 operations on one cohort")
    func treeStaysValid() {
        var random = SchemesRandom(seed: 42)
        var tree = OrderStatisticTree<Int>()
        var model = Set<Int>()
        for _ in 0..<10_000 {
            let value = Int.random(in: 0..<500, using: &random)
            if model.contains(value) {
                let removed = tree.remove(value)
                #expect(removed)
                model.remove(value)
            } else {
                tree.insert(value)
                model.insert(value)
            }
        }
        #expect(tree.isValid())
        #expect(tree.count == model.count)
        let sorted = model.sorted()
        #expect(tree.elements(from: 0, limit: .max) == sorted)
        #expect(tree.element(at: 10) == sorted[10])
        #expect(tree.prefixCount { $0 < 250 } == sorted.filter { $0 < 250 }.count)
    }
}
