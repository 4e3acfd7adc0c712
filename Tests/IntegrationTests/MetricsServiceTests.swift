import Contracts
import Domain
import Foundation
import Messaging
import Testing
import ZeroMQ

/// `kechuang-metrics` as a real process following a real `kechuang-ingest`.
@Suite(.serialized) struct MetricsServiceTests {
    /// One figure of the seed report's answer key.
    struct ExpectedFigure: Decodable {
        var phrase: String
        var subject: String
        var value: Decimal
        var unit: String
        var qualifier: String
        var period: String?
    }

    static let answerKey = IngestDocuments.repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/reports/zhangjiagang-2024.expected.json")

    /// Runs `body` with a fresh ingest and a metrics following it; always stops both.
    static func withSystem(
        _ body: (IngestTestService, MetricsTestService) async throws -> Void
    ) async throws {
        let ingest = try await IngestTestService.start()
        let metrics: MetricsTestService
        do {
            metrics = try await MetricsTestService.start(following: ingest)
        } catch {
            await ingest.finish()
            throw error
        }
        do {
            try await body(ingest, metrics)
        } catch {
            await metrics.finish()
            await ingest.finish()
            throw error
        }
        await metrics.finish()
        await ingest.finish()
    }

    @Test func everyFigureOfTheSeedReportBecomesAMetricUpdate() async throws {
        try await Self.withSystem { ingest, metrics in
            // Subscribe before feeding and wait for a heartbeat, so the subscription is known to be active.
            let watcher = try await TestClient(endpoint: metrics.endpoint("metrics.sync"))
            let live = try await watcher.subscribe(
                metrics.endpoint("metrics.pub"), prefixes: [Topic.family("metric"), Heartbeat.topic(for: KechuangStream.metrics)])
            let collector = MetricsLiveCollector(live)
            let subscribed = await collector.wait(timeout: .seconds(10)) { $0.contains { $0.carries(Heartbeat.self) } }
            #expect(subscribed)

            let accepted = try await ingest.accept(SubmitDocument(
                kind: .report, content: try IngestDocuments.seedReport(), name: "zhangjiagang-2024.txt", reportYear: 2024))
            let status = try await metrics.waitUntilApplied(try #require(accepted.lastSequence))
            let (sequence, values) = try await metrics.snapshot()
            #expect(sequence == status.lastSequence)

            let catalog = try Catalog.bundled()
            let expected = try JSONDecoder().decode([ExpectedFigure].self, from: Data(contentsOf: Self.answerKey))
            #expect(expected.count == 22)
            for figure in expected {
                let unit = try #require(MeasureUnit(symbol: figure.unit))
                let indicator = try #require(
                    catalog.matchIndicator(subject: figure.subject, unit: unit), "no indicator for \(figure.subject)")
                let value = try #require(ReportedObservation(
                    value: figure.value, unit: unit, subject: figure.subject, phrase: figure.phrase).value(in: indicator.unit))
                // A period-less running total ("自成立以来") is `total`, or the report year when the extractor
                // dates it; a "1-11月" figure may carry the month range.
                let period = figure.period
                let match = values.values.first { update in
                    guard update.key.source == .reported, update.key.indicator == indicator.id, update.value == value
                    else { return false }
                    guard let period else { return true }
                    return update.key.period == period || update.key.period.hasPrefix(period + "-")
                }
                let update = try #require(
                    match, "no reported metric \(indicator.id) = \(value) for \(period ?? "any period") (\(figure.phrase))")
                #expect(update.qualifier?.rawValue == figure.qualifier, "\(indicator.id)")
                #expect(update.documentID == accepted.documentID)
                #expect(update.unit == indicator.unit)
            }

            // The same updates were published live, in sequence order, on metric.<indicator> topics.
            let head = Int(status.lastSequence)
            let allLive = await collector.wait(timeout: .seconds(10)) { envelopes in
                envelopes.filter { $0.carries(MetricUpdate.self) }.count >= head
            }
            #expect(allLive)
            let liveUpdates = collector.envelopes.filter { $0.carries(MetricUpdate.self) }
            #expect(liveUpdates.compactMap(\.sequence) == Array(1...status.lastSequence))
            var latest: [MetricKey: Decimal] = [:]
            for envelope in liveUpdates {
                let update = try envelope.decode(MetricUpdate.self)
                #expect(envelope.topic == MetricUpdate.topic(indicator: update.key.indicator))
                latest[update.key] = update.value
            }
            #expect(latest == values.mapValues(\.value))
            collector.cancel()
            await watcher.close()
        }
    }

    @Test func filingsAndEventsGiveTheComputedValues() async throws {
        try await Self.withSystem { ingest, metrics in
            func subject(_ n: Int) throws -> EventSubject { EventSubject(creditCode: try MetricsDocuments.code(n), name: "企业\(n)") }
            func day(_ y: Int, _ m: Int, _ d: Int) throws -> LocalDate { try MetricsDocuments.date(y, m, d) }
            let events: [ProgramEvent] = [
                .techLoanPoolEntered(date: try day(2024, 1, 5), subject: try subject(1)),
                .techLoanPoolEntered(date: try day(2024, 1, 6), subject: try subject(2)),
                .techLoanPoolEntered(date: try day(2024, 1, 7), subject: try subject(3)),
                .techLoanGranted(date: try day(2024, 3, 1), subject: try subject(1), amount: Money(500, .wanYuan), lender: "农商行"),
                .techLoanGranted(date: try day(2024, 4, 1), subject: try subject(2), amount: Money(1500, .wanYuan), lender: nil),
                .techLoanGranted(date: try day(2024, 6, 1), subject: try subject(1), amount: Money(1, .yiYuan), lender: nil),
                .fundProjectPassed(date: try day(2024, 2, 1), subject: try subject(3), plannedInvestment: Money(4370, .wanYuan), leveragedFunds: Money(12_250, .wanYuan)),
                .fundProjectPassed(date: try day(2024, 8, 1), subject: try subject(4), plannedInvestment: Money(1, .yiYuan), leveragedFunds: nil),
                .consortiumRecognised(date: try day(2024, 7, 1), subject: try subject(1), consortium: "甲联合体", level: .suzhou),
                .consortiumRecognised(date: try day(2024, 7, 1), subject: try subject(2), consortium: "乙联合体", level: .county),
                .jiebangProjectAwarded(date: try day(2024, 5, 1), subject: try subject(5), project: "高端装备", level: .suzhou, funding: nil),
                .demandPublished(date: try day(2024, 2, 2), subject: try subject(6), demandID: "D1", title: "传感器", bounty: nil),
                .demandPublished(date: try day(2024, 2, 3), subject: try subject(7), demandID: "D2", title: nil, bounty: Money(20, .wanYuan)),
                .demandMatched(date: try day(2024, 3, 3), subject: try subject(6), demandID: "D1", partner: "苏州大学", amount: nil),
                .enterpriseVisited(date: try day(2024, 2, 1), subject: try subject(6)),
                .enterpriseVisited(date: try day(2024, 9, 1), subject: try subject(6)),
                .enterpriseVisited(date: try day(2024, 9, 1), subject: try subject(7)),
                .cooperationSigned(date: try day(2024, 4, 1), subject: try subject(8), partner: "东南大学", kind: .iurProject, amount: nil),
                .cooperationSigned(date: try day(2024, 4, 2), subject: EventSubject(name: "张家港市"), partner: "江南大学", kind: .universityCity, amount: nil),
                .talentSelected(date: try day(2024, 6, 1), subject: try subject(9), program: "national_talent_plan", level: .national, person: "张三"),
                .highTechCertificateGranted(date: try day(2021, 1, 10), subject: try subject(10), certificateNumber: "GR2021"),
                .highTechCertificateGranted(date: try day(2022, 3, 1), subject: try subject(11), certificateNumber: "GR2022"),
                .highTechCertificateGranted(date: try day(2024, 5, 1), subject: try subject(12), certificateNumber: "GR2024"),
                .highTechApplicationRecommended(date: try day(2024, 3, 1), subject: try subject(13)),
                .incubatorRated(date: try day(2024, 10, 1), subject: try subject(14), level: .national, rating: "优秀（A类）"),
                .investmentProjectSigned(date: try day(2024, 11, 1), subject: try subject(15), project: "新材料项目", amount: nil),
                .awardWon(date: try day(2024, 12, 1), subject: try subject(16), award: "江苏省科学技术奖", level: .provincial, grade: "二等奖"),
            ]
            _ = try await ingest.accept(try MetricsDocuments.events(events))
            func filing(_ n: Int, industrial: Bool, rd: Bool) throws -> EnterpriseFiling {
                EnterpriseFiling(
                    year: 2024, creditCode: try MetricsDocuments.code(n), enterpriseName: "企业\(n)",
                    operatingRevenue: Money(8000, .wanYuan), rdExpense: Money(400, .wanYuan), totalStaff: 200,
                    rdStaff: 30, hasRDInstitution: rd, aboveScale: true, industrial: industrial)
            }
            let accepted = try await ingest.accept(try MetricsDocuments.filings([
                try filing(1, industrial: true, rd: true), try filing(2, industrial: true, rd: true),
                try filing(3, industrial: true, rd: false), try filing(4, industrial: false, rd: true),
            ]))
            try await metrics.waitUntilApplied(try #require(accepted.lastSequence))
            let (_, values) = try await metrics.snapshot()
            func computed(_ indicator: String, _ period: String = "2024") -> Decimal? {
                values[MetricKey(indicator: indicator, period: period, source: .computed)]?.value
            }
            #expect(computed("loan.pool_size") == 3)
            #expect(computed("loan.granted_count", "total") == 2)
            #expect(computed("loan.granted_amount", "total") == Decimal(string: "1.2"))
            #expect(computed("fund.projects_passed", "total") == 2)
            #expect(computed("fund.planned_investment", "total") == Decimal(string: "1.437"))
            #expect(computed("fund.leveraged_funds", "total") == Decimal(string: "1.225"))
            #expect(computed("consortium.suzhou_level") == 1)
            #expect(computed("consortium.cumulative") == 2)
            #expect(computed("jiebang.projects") == 1)
            #expect(computed("demand.published") == 2)
            #expect(computed("demand.matched") == 1)
            #expect(computed("demand.enterprises_visited") == 2)
            #expect(computed("cooperation.iur_projects") == 1)
            #expect(computed("cooperation.university_city_new") == 1)
            #expect(computed("talent.national") == 1)
            // GR2021 lapsed on 2024-01-10; GR2022 and GR2024 are in force on 2024-12-31.
            #expect(computed("hightech.effective") == 2)
            #expect(computed("hightech.effective", "2023") == 2)
            #expect(computed("hightech.applications_recommended") == 1)
            #expect(computed("incubator.national_rated_a") == 1)
            #expect(computed("investment.tech_projects") == 1)
            #expect(computed("award.provincial_st") == 1)
            #expect(computed("rd_institution.coverage") == Decimal(string: "66.67"))
            #expect(computed("enterprise.filings") == 4)
            #expect(computed("enterprise.rd_expense_total") == 1600)
            #expect(computed("enterprise.rd_intensity") == 5)

            // The seed report says 273 enterprises in the 科技贷 pool: reported and computed disagree, and the
            // update says so.
            let report = try await ingest.accept(SubmitDocument(
                kind: .report, content: try IngestDocuments.seedReport(), name: "zhangjiagang-2024.txt", reportYear: 2024))
            try await metrics.waitUntilApplied(try #require(report.lastSequence))
            let (_, after) = try await metrics.snapshot(prefix: "metric.loan")
            let reported = try #require(after[MetricKey(indicator: "loan.pool_size", period: "2024", source: .reported)])
            #expect(reported.value == 273)
            #expect(reported.quality.map(\.kind) == [.reportedComputedMismatch])
            #expect(reported.quality.first?.computed == 3)
            #expect(after[MetricKey(indicator: "loan.pool_size", period: "2024", source: .computed)]?.quality.isEmpty == false)
            #expect(after.keys.allSatisfy { $0.indicator.hasPrefix("loan") })
        }
    }

    @Test func killedMidStreamAndRestartedEndsInTheUninterruptedState() async throws {
        let ingest = try await IngestTestService.start()
        do {
            // A backlog: metrics starts after it was written and must replay it in several batches.
            var last: UInt64 = 0
            for batch in 0..<8 {
                let accepted = try await ingest.accept(try MetricsDocuments.events(
                    try MetricsDocuments.loanBatch(first: 1 + batch * 300, count: 300), name: "loans-\(batch).jsonl"))
                last = try #require(accepted.lastSequence)
            }
            let directory = try RunDirectory()
            // Ready at once (not after catching up), so it can be killed while it replays the backlog.
            var crashed = try await MetricsTestService.start(following: ingest, directory: directory, readyTimeoutMilliseconds: 1)
            let partial = try await crashed.waitUntilApplied(1)
            await crashed.crash()
            #expect(partial.ingestApplied < last, "the kill should come before the backlog is done")

            // More events while metrics is down, then restart on the same database.
            let more = try await ingest.accept(try MetricsDocuments.events(
                try MetricsDocuments.loanBatch(first: 5000, count: 50), name: "loans-more.jsonl"))
            last = try #require(more.lastSequence)
            crashed = try await MetricsTestService.start(following: ingest, directory: directory)
            let restartedStatus = try await crashed.waitUntilApplied(last, timeout: .seconds(120))
            let restarted = try await crashed.snapshot()

            // The reference ran without interruption.
            let reference = try await MetricsTestService.start(following: ingest)
            let referenceStatus = try await reference.waitUntilApplied(last, timeout: .seconds(120))
            let expected = try await reference.snapshot()
            #expect(restarted.values.count == expected.values.count)
            #expect(restarted.values == expected.values)
            #expect(restartedStatus.lastSequence == referenceStatus.lastSequence)
            #expect(expected.values[MetricKey(indicator: "loan.granted_count", period: "total", source: .computed)]?.value == 2450)
            await crashed.finish()
            await reference.finish()
        } catch {
            await ingest.finish()
            throw error
        }
        await ingest.finish()
    }
}
