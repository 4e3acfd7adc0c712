import Contracts
import Foundation
import KechuangTestSupport
@testable import ScoringService
import Testing

/// `ScoreDigest`'s content hash decides whether a new score is published: it must change with everything a score
/// says (exactly, decimals included) and only with that.
@Suite struct ScoreDigestTests {
    /// A change to one part of a score, and whether the digest must see it.
    struct Mutation: Sendable {
        var name: String
        var seen: Bool
        var apply: @Sendable (inout ScoreUpdate) -> Void
    }

    /// A decimal 10⁻²⁰ above `value`: a different `Decimal` with the same `Double`.
    static func nudged(_ value: Decimal) -> Decimal {
        value + Decimal(sign: .plus, exponent: -20, significand: 1)
    }

    /// Changes the first breakdown line (adding one when there is none).
    static func withFirstLine(_ update: inout ScoreUpdate, _ change: (inout ScoreBreakdownLine) -> Void) {
        if update.breakdown.isEmpty {
            update.breakdown.append(ScoreBreakdownLine(
                indicator: "i", nameZh: "", nameEn: "", category: "c", raw: nil, normalised: nil, weight: 1, points: 0,
                missing: nil))
        }
        change(&update.breakdown[0])
    }

    static let mutations: [Mutation] = [
        Mutation(name: "subject kind", seen: true) { $0.subjectKind += "_x" },
        Mutation(name: "subject id", seen: true) { $0.subjectID += "1" },
        Mutation(name: "scheme id", seen: true) { $0.schemeID += "-b" },
        Mutation(name: "subject name", seen: true) { $0.subjectName += "甲" },
        Mutation(name: "town present or not", seen: true) { $0.town = $0.town == nil ? "" : nil },
        Mutation(name: "period", seen: true) { $0.period += "1" },
        Mutation(name: "scheme version", seen: true) { $0.schemeVersion += 1 },
        Mutation(name: "points beyond a Double's precision", seen: true) { $0.points = nudged($0.points) },
        Mutation(name: "a category's points", seen: true) { update in
            if update.categories.isEmpty { update.categories.append(ScoreCategoryPoints(id: "c", nameZh: "", nameEn: "", points: 0, cap: nil)) }
            update.categories[0].points = nudged(update.categories[0].points)
        },
        Mutation(name: "a category's id", seen: true) { update in
            if update.categories.isEmpty { update.categories.append(ScoreCategoryPoints(id: "c", nameZh: "", nameEn: "", points: 0, cap: nil)) }
            update.categories[0].id += "2"
        },
        Mutation(name: "a category's cap", seen: true) { update in
            if update.categories.isEmpty { update.categories.append(ScoreCategoryPoints(id: "c", nameZh: "", nameEn: "", points: 0, cap: nil)) }
            update.categories[0].cap = update.categories[0].cap.map(nudged) ?? 30
        },
        Mutation(name: "a line's indicator", seen: true) { update in
            withFirstLine(&update) { $0.indicator += "_2" }
        },
        Mutation(name: "a line's category", seen: true) { update in
            withFirstLine(&update) { $0.category += "_2" }
        },
        Mutation(name: "a line's normalised value", seen: true) { update in
            withFirstLine(&update) { $0.normalised = $0.normalised.map(nudged) ?? 1 }
        },
        Mutation(name: "a line's weight", seen: true) { update in
            withFirstLine(&update) { $0.weight = nudged($0.weight) }
        },
        Mutation(name: "a line's points", seen: true) { update in
            withFirstLine(&update) { $0.points = nudged($0.points) }
        },
        Mutation(name: "a raw value beyond a Double's precision", seen: true) { update in
            if update.breakdown.isEmpty {
                update.breakdown.append(ScoreBreakdownLine(
                    indicator: "i", nameZh: "", nameEn: "", category: "c", raw: nil, normalised: nil, weight: 1, points: 0, missing: nil))
            }
            update.breakdown[0].raw = nudged(update.breakdown[0].raw ?? 1_700_000_000_000_000)
        },
        Mutation(name: "what was missing", seen: true) { update in
            if update.breakdown.isEmpty {
                update.breakdown.append(ScoreBreakdownLine(
                    indicator: "i", nameZh: "", nameEn: "", category: "c", raw: nil, normalised: nil, weight: 1, points: 0, missing: nil))
            }
            update.breakdown[0].missing = update.breakdown[0].missing == nil ? "not reported: x" : nil
        },
        Mutation(name: "negative items", seen: true) { $0.negatives.append("x") },
        Mutation(name: "a negative item replaced", seen: true) { update in
            if update.negatives.isEmpty { update.negatives = ["a"] } else { update.negatives[0] += "b" }
        },
        Mutation(name: "veto", seen: true) { $0.vetoedBy.append("veto") },
        Mutation(name: "a veto replaced", seen: true) { update in
            if update.vetoedBy.isEmpty { update.vetoedBy = ["a"] } else { update.vetoedBy[0] += "b" }
        },
        Mutation(name: "stage", seen: true) { $0.stage = ($0.stage ?? "") + "期" },
        Mutation(name: "cohort", seen: true) { $0.cohort += "/town" },
        Mutation(name: "grade", seen: true) { update in
            update.grade = update.grade == nil ? ScoreGrade(id: "A", nameZh: "A 档", nameEn: "Grade A") : nil
        },
        Mutation(name: "another grade", seen: true) { update in
            update.grade = ScoreGrade(id: (update.grade?.id ?? "") + "B", nameZh: "", nameEn: "")
        },
        Mutation(name: "rank", seen: true) { $0.rank += 1 },
        Mutation(name: "cohort size", seen: true) { $0.cohortSize += 1 },
        Mutation(name: "previous points", seen: false) { $0.previousPoints = ($0.previousPoints ?? 0) + 1 },
        Mutation(name: "ingest sequence", seen: false) { $0.ingestSequence &+= 1 },
        // Names come with the scheme id and version, which are hashed.
        Mutation(name: "a category's names", seen: false) { update in
            for index in update.categories.indices { update.categories[index].nameZh += "类" }
        },
        Mutation(name: "an indicator's names", seen: false) { update in
            for index in update.breakdown.indices { update.breakdown[index].nameEn += " (en)" }
        },
        Mutation(name: "the grade's names", seen: false) { update in update.grade?.nameZh += "级" },
    ]

    @Test func theDigestSeesEveryChangeToWhatAScoreSaysAndNoOther() {
        var random = SeededRandom(seed: 4_242)
        for round in 0..<4_000 {
            let update = ScoreUpdateBodyTests.update(&random)
            // Every mutation many times over.
            let mutation = Self.mutations[round % Self.mutations.count]
            var changed = update
            mutation.apply(&changed)
            let same = ScoreDigest.contentHash(of: update) == ScoreDigest.contentHash(of: changed)
            #expect(same != mutation.seen, "\(mutation.name)")
        }
    }

    @Test func textsAreHashedWithTheirBoundaries() {
        var random = SeededRandom(seed: 5)
        var first = ScoreUpdateBodyTests.update(&random)
        var second = first
        first.negatives = ["ab", "c"]
        second.negatives = ["a", "bc"]
        #expect(ScoreDigest.contentHash(of: first) != ScoreDigest.contentHash(of: second))
    }

    @Test func theSameScoreHasTheSameDigest() {
        var random = SeededRandom(seed: 77)
        for _ in 0..<500 {
            let update = ScoreUpdateBodyTests.update(&random)
            // Built again from its parts (new string and array buffers).
            let copy = ScoreUpdate(
                subjectKind: String(update.subjectKind.utf8) ?? "", subjectID: update.subjectID,
                subjectName: String(update.subjectName.utf8) ?? "", town: update.town, period: update.period,
                schemeID: update.schemeID, schemeVersion: update.schemeVersion, points: update.points,
                categories: Array(update.categories), breakdown: Array(update.breakdown), negatives: update.negatives,
                vetoedBy: update.vetoedBy, stage: update.stage, cohort: update.cohort, grade: update.grade,
                rank: update.rank, cohortSize: update.cohortSize, previousPoints: nil, ingestSequence: 0)
            #expect(ScoreDigest.contentHash(of: update) == ScoreDigest.contentHash(of: copy))
        }
    }
}
