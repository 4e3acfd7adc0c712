import Contracts
import Domain
import Foundation
import Messaging
import Testing

/// `kechuang-scoring` as a real process following a real `kechuang-ingest`.
@Suite(.serialized) struct ScoringServiceTests {
    /// Two years of filings for `count` enterprises, figures spread so that ranks, stages and high-tech tiers vary.
    static func filings(count: Int) throws -> [EnterpriseFiling] {
        var filings: [EnterpriseFiling] = []
        for index in 1...count {
            for year in [2023, 2024] {
                let revenue = Decimal(2_000_000 + index * 3_000_000 + (year - 2023) * index * 400_000)
                let rdPercent = Decimal(2 + index % 6)  // 2 … 7 %
                filings.append(EnterpriseFiling(
                    year: year, creditCode: try MetricsDocuments.code(index), enterpriseName: "测试科技\(index)号有限公司",
                    operatingRevenue: Money(revenue, .yuan), rdExpense: Money(revenue * rdPercent / 100, .yuan),
                    rdExpenseDomestic: Money(revenue * rdPercent / 100, .yuan), totalStaff: 40 + index,
                    stStaff: 4 + index % 9, rdStaff: 3 + index % 7, highTechRevenue: Money(revenue * Decimal(50 + index % 40) / 100, .yuan),
                    netAssets: Money(revenue / 2, .yuan), inventionPatents: index % 5, ipClassI: index % 3, ipClassII: index % 4,
                    techContractTurnover: Money(Decimal(index * 100_000), .yuan), scienceProjects: index % 3,
                    hasRDInstitution: index % 2 == 0, town: index % 2 == 0 ? "杨舍镇" : "塘桥镇"))
            }
        }
        return filings
    }

    @Test func filingsBecomeScoresRanksAndHighTechAssessmentsThatAQueryShows() async throws {
        let ingest = try await IngestTestService.start()
        let scoring: ScoringTestService
        do {
            scoring = try await ScoringTestService.start(following: ingest)
        } catch {
            await ingest.finish()
            throw error
        }
        do {
            let accepted = try await ingest.accept(try MetricsDocuments.filings(Self.filings(count: 30)))
            let status = try await scoring.waitUntilApplied(try #require(accepted.lastSequence))
            #expect(status.subjects == 30)
            #expect(status.scores >= 30)
            #expect(!status.schemes.isEmpty)

            // 一键可查 by credit code: profile, a score per enterprise scheme with a breakdown, the high-tech assessment.
            let code = try MetricsDocuments.code(7).rawValue
            let reply = try await scoring.client.request(SubjectRequest(query: code), expecting: SubjectReply.self)
            let subject = try #require(reply.subject)
            #expect(subject.id == code)
            #expect(subject.name == "测试科技7号有限公司")
            #expect(subject.period == "2024")
            #expect(!reply.scores.isEmpty)
            for score in reply.scores {
                #expect(score.subjectID == code)
                #expect(!score.breakdown.isEmpty)
                #expect(score.rank >= 1 && score.rank <= score.cohortSize)
                #expect(score.points == score.categories.reduce(Decimal(0)) { $0 + $1.points } || !score.negatives.isEmpty
                    || score.points < score.categories.reduce(Decimal(0)) { $0 + $1.points })
            }
            #expect(reply.highTech?.creditCode.rawValue == code)
            #expect(!reply.history.isEmpty)

            // By name fragment: several match, none chosen; a full name picks one.
            let ambiguous = try await scoring.client.request(SubjectRequest(query: "测试科技"), expecting: SubjectReply.self)
            #expect(ambiguous.subject == nil)
            #expect(ambiguous.matches.count == 30)
            let named = try await scoring.client.request(
                SubjectRequest(query: "测试科技12号有限公司"), expecting: SubjectReply.self)
            #expect(named.subject?.id == (try MetricsDocuments.code(12).rawValue))

            // The ranking: best first in each cohort, ranks consistent with points.
            let scheme = try #require(reply.scores.first?.schemeID)
            let ranking = try await scoring.client.request(
                RankingRequest(schemeID: scheme, top: 100), expecting: RankingReply.self)
            #expect(!ranking.rows.isEmpty)
            for cohort in Set(ranking.rows.map(\.cohort)) {
                let rows = ranking.rows.filter { $0.cohort == cohort }
                #expect(rows.map(\.points) == rows.map(\.points).sorted(by: >))
                #expect(rows.first?.rank == 1)
            }

            // The snapshot holds exactly the current scores and assessments.
            let snapshot = try await scoring.snapshot(prefix: "score.")
            #expect(snapshot.count == status.scores)
            let highTech = try await scoring.snapshot(prefix: "hightech.")
            #expect(highTech.count == 30)
        } catch {
            await scoring.finish()
            await ingest.finish()
            throw error
        }
        await scoring.finish()
        await ingest.finish()
    }

    /// A settle (ranking round) publishes the scores the data as a whole gives; the restarted service rebuilds
    /// exactly that state (settles replayed at the same points), so settling again publishes nothing.
    @Test func aSettleSurvivesARestartAndIsAFixedPoint() async throws {
        let ingest = try await IngestTestService.start()
        var scoring = try await ScoringTestService.start(following: ingest)
        do {
            let accepted = try await ingest.accept(try MetricsDocuments.filings(Self.filings(count: 25)))
            try await scoring.waitUntilApplied(try #require(accepted.lastSequence))
            let settled = try await scoring.client.request(SettleRequest(), expecting: SettleReply.self)
            #expect(settled.published > 0, "percentile schemes move as later subjects arrive")
            let again = try await scoring.client.request(SettleRequest(), expecting: SettleReply.self)
            #expect(again.published == 0)
            let before = try await scoring.snapshot()
            try await scoring.stop()
            scoring = try await ScoringTestService.start(following: ingest, directory: scoring.directory)
            let afterRestart = try await scoring.client.request(SettleRequest(), expecting: SettleReply.self)
            #expect(afterRestart.published == 0, "the rebuilt state is the settled one")
            #expect(try await scoring.snapshot() == before)
            // New data after the settle is scored as usual.
            let more = try await ingest.accept(try MetricsDocuments.filings(Array(Self.filings(count: 27).suffix(4))))
            try await scoring.waitUntilApplied(try #require(more.lastSequence))
            #expect(try await scoring.status().subjects == 27)
        } catch {
            await scoring.finish()
            await ingest.finish()
            throw error
        }
        await scoring.finish()
        await ingest.finish()
    }

    /// SIGKILL of scoring mid-feed, restart, catch up: the same current scores as a run that never crashed.
    @Test func aCrashMidFeedConvergesToTheUndisturbedScores() async throws {
        let filings = try Self.filings(count: 40)
        let batches = stride(from: 0, to: filings.count, by: 10).map { Array(filings[$0..<min($0 + 10, filings.count)]) }

        func run(crashAfter: Int?) async throws -> [String: String] {
            let ingest = try await IngestTestService.start()
            var scoring = try await ScoringTestService.start(following: ingest)
            var last: UInt64 = 0
            do {
                for (index, batch) in batches.enumerated() {
                    last = try #require(try await ingest.accept(try MetricsDocuments.filings(batch)).lastSequence)
                    if index == crashAfter {
                        await scoring.crash()
                        scoring = try await ScoringTestService.start(following: ingest, directory: scoring.directory)
                    }
                }
                try await scoring.waitUntilApplied(last)
                let state = try await scoring.snapshot()
                await scoring.finish()
                await ingest.finish()
                return state
            } catch {
                await scoring.finish()
                await ingest.finish()
                throw error
            }
        }
        let calm = try await run(crashAfter: nil)
        let stormy = try await run(crashAfter: 1)
        #expect(calm.count == stormy.count)
        let differing = Set(calm.keys).union(stormy.keys).filter { calm[$0] != stormy[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.count) topics differ, e.g. \(differing.prefix(3))")
    }
}
