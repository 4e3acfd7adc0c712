import Foundation
import Scoring

/// Cohort ranking benchmark (排名 性能基准), in process: `N` subjects (default 100 000,
/// `KECHUANG_BENCH_RANKING_SUBJECTS`) in 12 cohorts (4 stages × 3 revenue bands) with points of two decimals.
/// - `ranking.build`: every subject inserted into ``Scoring/CohortRanking`` (the incremental structure scoring keeps);
/// - `ranking.moves`: every subject moved to new points one by one (``Scoring/CohortRanking/upsert(_:points:cohort:)``,
///   what each filing does), then every subject's rank read;
/// - `ranking.rerank`: the full re-rank a settle or scheme change does — every subject's new points at once
///   (``Scoring/CohortRanking/upsertAll(_:)``), then every subject's rank read;
/// - `ranking.resort`: the baseline a ranking without the tree would need per change: sort every cohort's
///   `(points, subject)` pairs and read each subject's rank off the sorted order.
enum RankingBenchmark {
    static func run() {
        let count = ProcessInfo.processInfo.environment["KECHUANG_BENCH_RANKING_SUBJECTS"].flatMap { Int($0) } ?? 100_000
        let cohorts = (0..<12).map { index in
            CohortKey([.init(dimension: "stage", value: ["初创期", "成长期", "稳定期", "未知"][index % 4]),
                       .init(dimension: "revenueBand", value: ["<2000万", "2000万–2亿", ">2亿"][index / 4])])
        }
        let subjects = (0..<count).map { String(format: "91320582MC%08d", $0) }
        // Points computed before timing (two decimals, as schemes round them).
        let pointsByRound = (0..<2).map { round in
            (0..<count).map { index in
                Decimal(sign: .plus, exponent: -2, significand: Decimal((index &* 7919 &+ round &* 104_729) % 100_000))
            }
        }
        func points(_ index: Int, round: Int) -> Decimal { pointsByRound[round][index] }
        var ranking = CohortRanking()
        let buildStart = ContinuousClock.now
        for (index, subject) in subjects.enumerated() {
            ranking.upsert(subject, points: points(index, round: 0), cohort: cohorts[index % cohorts.count])
        }
        let build = seconds(ContinuousClock.now - buildStart)

        var incremental = ranking
        let movesStart = ContinuousClock.now
        for (index, subject) in subjects.enumerated() {
            incremental.upsert(subject, points: points(index, round: 1), cohort: cohorts[index % cohorts.count])
        }
        var movesSum = 0
        for subject in subjects { movesSum &+= incremental.rank(of: subject) ?? 0 }
        let moves = seconds(ContinuousClock.now - movesStart)

        let rerankStart = ContinuousClock.now
        ranking.upsertAll(subjects.indices.map { (subjects[$0], points($0, round: 1), cohorts[$0 % cohorts.count]) })
        var rankSum = 0
        for subject in subjects { rankSum &+= ranking.rank(of: subject) ?? 0 }
        let rerank = seconds(ContinuousClock.now - rerankStart)

        let resortStart = ContinuousClock.now
        var byCohort: [[(points: Decimal, subject: String)]] = Array(repeating: [], count: cohorts.count)
        for (index, subject) in subjects.enumerated() {
            byCohort[index % cohorts.count].append((points(index, round: 1), subject))
        }
        var resortSum = 0
        for var members in byCohort {
            members.sort { $0.points != $1.points ? $0.points > $1.points : $0.subject < $1.subject }
            var rank = 0
            for (position, member) in members.enumerated() {
                if position == 0 || members[position - 1].points != member.points { rank = position + 1 }
                resortSum &+= rank
            }
        }
        let resort = seconds(ContinuousClock.now - resortStart)
        print("ranking.build subjects=\(count) cohorts=\(cohorts.count) seconds=\(format(build))")
        print("ranking.moves subjects=\(count) seconds=\(format(moves)) ranks_agree=\(movesSum == resortSum)")
        print("ranking.rerank subjects=\(count) seconds=\(format(rerank)) ranks_agree=\(rankSum == resortSum)")
        print("ranking.resort subjects=\(count) seconds=\(format(resort))")
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
