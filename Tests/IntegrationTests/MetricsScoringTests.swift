import Contracts
import Domain
import Foundation
import Messaging
import Scoring
import Testing

/// Real `kechuang-ingest` → `kechuang-scoring` → `kechuang-metrics`: filings become scores and high-tech
/// assessments, and metrics publishes the county indicators they imply — 高企培育库 tiers, subjects per grade,
/// points median and top-decile threshold — equal to what scoring's own snapshot says, also after metrics is
/// SIGKILLed mid-feed and restarted.
@Suite(.serialized) struct MetricsScoringTests {
    /// What scoring's snapshot implies for one period: the metric values, by key, computed here independently.
    static func expectedValues(fromScoringSnapshot bodies: [String: String], period: String) throws -> [MetricKey: Decimal] {
        var points: [String: [Decimal]] = [:]
        var grades: [String: [String: Int]] = [:]
        var tiers: [HighTechTier: Int] = [:]
        for (topic, body) in bodies {
            let data = Data(body.utf8)
            if topic.hasPrefix("score.") {
                let score = try EnvelopeCodec.decodeBody(ScoreUpdate.self, from: data, type: ScoreUpdate.messageType)
                guard score.period == period else { continue }
                points[score.schemeID, default: []].append(score.points)
                if let grade = score.grade?.id { grades[score.schemeID, default: [:]][grade, default: 0] += 1 }
            } else if topic.hasPrefix("hightech."), !topic.hasPrefix("hightech.changed.") {
                let update = try EnvelopeCodec.decodeBody(HighTechUpdate.self, from: data, type: HighTechUpdate.messageType)
                guard String(update.assessment.period.latestYear) == period else { continue }
                tiers[update.assessment.tier, default: 0] += 1
            }
        }
        func key(_ indicator: String, _ scope: MetricScope) -> MetricKey {
            MetricKey(indicator: indicator, period: period, scope: scope, source: .computed)
        }
        var expected: [MetricKey: Decimal] = [:]
        for (tier, count) in tiers {
            expected[key("hightech_pool.tier_\(tier.rawValue.lowercased())", .county)] = Decimal(count)
        }
        for (scheme, values) in points {
            let sorted = values.sorted()
            let n = sorted.count
            expected[key("scoring.scored_subjects", .scheme(scheme))] = Decimal(n)
            expected[key("scoring.points_median", .scheme(scheme))] =
                n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            // The lowest of the best ⌈n / 10⌉.
            let best = Int((Double(n) / 10).rounded(.up))
            expected[key("scoring.points_p90", .scheme(scheme))] = sorted[n - best]
        }
        for (scheme, counts) in grades {
            for (grade, count) in counts { expected[key("scoring.graded_subjects", .grade(grade, scheme: scheme))] = Decimal(count) }
        }
        return expected
    }

    /// The scoring-derived values metrics holds for `period` (zero counts left out, as the expectation has none).
    static func scoringValues(
        _ values: [MetricKey: MetricUpdate], period: String
    ) -> [MetricKey: Decimal] {
        var result: [MetricKey: Decimal] = [:]
        for (key, update) in values where key.period == period
            && (key.indicator.hasPrefix("hightech_pool.") || key.indicator.hasPrefix("scoring."))
            && !(update.value == 0 && update.unit.dimension == .count) {
            result[key] = update.value
        }
        return result
    }

    @Test func scoresAndAssessmentsBecomeTierCountsGradesAndPointsStatistics() async throws {
        let filings = try ScoringServiceTests.filings(count: 40)
        let batches = stride(from: 0, to: filings.count, by: 20).map { Array(filings[$0..<min($0 + 20, filings.count)]) }
        let ingest = try await IngestTestService.start()
        var scoring: ScoringTestService?
        var metrics: MetricsTestService?
        do {
            let scoringService = try await ScoringTestService.start(following: ingest)
            scoring = scoringService
            var follower = try await MetricsTestService.start(following: ingest, scoring: scoringService)
            metrics = follower
            var last: UInt64 = 0
            for (index, batch) in batches.enumerated() {
                last = try #require(try await ingest.accept(try MetricsDocuments.filings(batch)).lastSequence)
                if index == 0 {
                    // SIGKILL metrics while scoring entries are arriving, restart it on the same database.
                    await follower.crash()
                    follower = try await MetricsTestService.start(
                        following: ingest, scoring: scoringService, directory: follower.directory)
                    metrics = follower
                }
            }
            let scoringStatus = try await scoringService.waitUntilApplied(last)
            #expect(scoringStatus.lastSequence > 0)
            let status = try await follower.waitUntilScoringApplied(scoringStatus.lastSequence)
            #expect(status.scoringHead == scoringStatus.lastSequence)
            try await follower.waitUntilApplied(last)

            let snapshot = try await scoringService.snapshot()
            let expected = try Self.expectedValues(fromScoringSnapshot: snapshot, period: "2024")
            let (_, values) = try await follower.snapshot()
            let actual = Self.scoringValues(values, period: "2024")

            // Every enterprise is in one tier; every scheme that scored them has its statistics.
            let tiers = expected.filter { $0.key.indicator.hasPrefix("hightech_pool.") }.values.reduce(0, +)
            #expect(tiers == 40)
            #expect(expected.keys.contains { $0.indicator == "scoring.points_median" })
            #expect(expected.keys.contains { $0.indicator == "scoring.graded_subjects" })
            let differing = Set(expected.keys).union(actual.keys).filter { expected[$0] != actual[$0] }
                .sorted().map { "\($0): expected \(expected[$0].map { "\($0)" } ?? "none"), got \(actual[$0].map { "\($0)" } ?? "none")" }
            #expect(differing.isEmpty, "\(differing.count) values differ: \(differing.prefix(5))")
            // Every value is exact and published in the catalog's unit.
            for (key, update) in values where key.indicator.hasPrefix("scoring.points") {
                #expect(update.unit == .fen, "\(key)")
            }
            // The 2023 scores (each enterprise's first filing) are their own period's population.
            #expect(values.keys.contains { $0.indicator == "scoring.points_median" && $0.period == "2023" })
        } catch {
            await metrics?.finish()
            await scoring?.finish()
            await ingest.finish()
            throw error
        }
        await metrics?.finish()
        await scoring?.finish()
        await ingest.finish()
    }

    @Test func metricsIsReadyWithoutScoringAndCatchesUpWhenItStarts() async throws {
        let ingest = try await IngestTestService.start()
        let directory = try RunDirectory()
        var metrics: MetricsTestService?
        var scoring: ScoringTestService?
        do {
            // Scoring's endpoints in a directory where nothing runs yet: metrics announces readiness after its
            // ready timeout and keeps following.
            let scoringPub = "ipc://" + directory.runDirectory + "/scoring.pub"
            let scoringSync = "ipc://" + directory.runDirectory + "/scoring.sync"
            let follower = try await MetricsTestService.start(
                ingestPublish: try ingest.process.readiness.endpoint("ingest.pub"),
                ingestSync: try ingest.process.readiness.endpoint("ingest.sync"),
                scoringPublish: scoringPub, scoringSync: scoringSync, readyTimeoutMilliseconds: 500)
            metrics = follower
            #expect(try await follower.status().scoringApplied == 0)
            let last = try #require(try await ingest.accept(
                try MetricsDocuments.filings(try ScoringServiceTests.filings(count: 5))).lastSequence)
            try await follower.waitUntilApplied(last)

            // Scoring starts later on those endpoints; metrics catches up with it by itself.
            let scoringService = try await ScoringTestService.start(following: ingest, directory: directory)
            scoring = scoringService
            #expect(try scoringService.endpoint("scoring.pub") == scoringPub)
            let scoringStatus = try await scoringService.waitUntilApplied(last)
            try await follower.waitUntilScoringApplied(scoringStatus.lastSequence)
            let (_, values) = try await follower.snapshot(prefix: "metric.hightech_pool")
            let tiers = values.filter { $0.key.period == "2024" }.values.reduce(Decimal(0)) { $0 + $1.value }
            #expect(tiers == 5)
        } catch {
            await metrics?.finish()
            await scoring?.finish()
            directory.remove()
            await ingest.finish()
            throw error
        }
        await metrics?.finish()
        await scoring?.finish()
        directory.remove()
        await ingest.finish()
    }
}
