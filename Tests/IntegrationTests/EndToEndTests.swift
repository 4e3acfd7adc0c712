import Contracts
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// End-to-end: the real `kechuang`, `kechuang-ingest`, `kechuang-scoring` and `kechuang-metrics` binaries, started by
/// the supervisor. Build them first: `swift build --product kechuang --product kechuang-ingest --product
/// kechuang-scoring --product kechuang-metrics`.
@Suite("End to end through kechuang up", .serialized)
struct EndToEndTests {
    /// One figure of the seed report's answer key.
    struct ExpectedFigure: Decodable, Sendable {
        let phrase: String
        let value: Decimal
        let unit: String
        let qualifier: String
    }

    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/fixtures/reports").standardizedFileURL

    static var seedReport: String {
        let shared = fixtures.appendingPathComponent("zhangjiagang-2024.txt").path
        if FileManager.default.fileExists(atPath: shared) { return shared }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples/zhangjiagang-2024.txt").path
    }

    static func answerKey() throws -> [ExpectedFigure] {
        var url = fixtures.appendingPathComponent("zhangjiagang-2024.expected.json")
        if !FileManager.default.fileExists(atPath: url.path) {
            url = URL(fileURLWithPath: seedReport).deletingPathExtension().appendingPathExtension("expected.json")
        }
        return try JSONDecoder().decode([ExpectedFigure].self, from: Data(contentsOf: url))
    }

    /// Whether a watch line carries `figure` as a reported value (same value and unit, or the same amount of money).
    static func matches(_ line: String, _ figure: ExpectedFigure) -> Bool {
        guard let update = WatchedUpdate.parse(line), update.source == "reported" else { return false }
        if update.unit == figure.unit { return update.value == figure.value }
        let yuan: [String: Decimal] = ["元": 1, "万元": 10_000, "亿元": 100_000_000]
        if let left = yuan[update.unit], let right = yuan[figure.unit] {
            return update.value * left == figure.value * right
        }
        return false
    }

    @Test(.timeLimit(.minutes(5)))
    func seedReportReachesWatchersStartedBeforeAndAfterTheFeed() async throws {
        let key = try Self.answerKey()
        #expect(key.count >= 20)
        let system = try await EndToEndSystem.start()
        defer { system.directory.remove() }
        let early = try await system.startWatch()

        let feed = try await system.run(["feed", "--report-year", "2024", Self.seedReport])
        #expect(feed.status == 0, "feed failed: \(feed.stdout.joined(separator: "\n"))")

        for figure in key {
            let line = await early.stdout.firstLine(matching: { Self.matches($0, figure) }, timeout: .seconds(60))
            #expect(line != nil, "watch started first never saw \(figure.phrase) = \(figure.value)\(figure.unit)")
        }
        let late = try await system.startWatch()
        for figure in key {
            let line = await late.stdout.firstLine(matching: { Self.matches($0, figure) }, timeout: .seconds(30))
            #expect(line != nil, "watch started after the feed never saw \(figure.phrase) = \(figure.value)\(figure.unit)")
        }
        // Replay from a sequence instead of a snapshot: the first updates, in stream order.
        let replayed = try await system.run(["watch", "--format", "json", "--from-seq", "0", "--count", "5", "--timeout", "30"])
        #expect(replayed.status == 0)
        #expect(replayed.stdout.compactMap(WatchedUpdate.parse).map(\.sequence) == [1, 2, 3, 4, 5])
        let fromThree = try await system.run(["watch", "--format", "json", "--from-seq", "3", "--count", "2", "--timeout", "30"])
        #expect(fromThree.stdout.compactMap(WatchedUpdate.parse).map(\.sequence) == [4, 5])

        // Feeding the same report again is a duplicate and changes nothing.
        let again = try await system.run(["feed", "--report-year", "2024", Self.seedReport])
        #expect(again.status == 0)
        #expect(again.stdout.contains { $0.contains("duplicate") })

        try await early.stop()
        try await late.stop()
        #expect(try await system.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: system.directory.runDirectory + "/supervisor.json"))
    }

    @Test(.timeLimit(.minutes(8)), arguments: ["metrics", "ingest"])
    func computedMetricsSurviveAServiceKilledMidFeed(victimService: String) async throws {
        let enterprises = 60
        let sample = try RunDirectory()
        defer { sample.remove() }
        let generated = try await EndToEndSystem.run(["sample-data", "--enterprises", String(enterprises), "--seed", "11", sample.path])
        #expect(generated.status == 0)
        let firstPart = [sample.path + "/filings-2022.csv"]
        let secondPart = ["filings-2023.jsonl", "filings-2024.jsonl", "events.jsonl"].map { sample.path + "/" + $0 }
        // Both runs feed the same documents in the same order, one at a time: the ingest stream is then identical,
        // and so is the scoring stream that follows it. (Metrics' own filing and event values do not depend on the
        // order, but scores do — percentile normalisation and tiers are as of each score — and with them the
        // scoring indicators metrics computes from them.)
        let feed = ["feed", "--concurrency", "1"]

        // Undisturbed run.
        let calm = try await EndToEndSystem.start()
        defer { calm.directory.remove() }
        let calmWatch = try await calm.startWatch(["metric.enterprise"])
        #expect(try await calm.run(feed + firstPart).status == 0)
        #expect(try await calm.run(feed + secondPart).status == 0)
        try await calm.waitUntilMetricsCaughtUp()
        let expected = try await calm.currentValues()
        // Computed metrics arrive on the stream.
        let filings = await calmWatch.stdout.firstLine(
            matching: { line in
                guard let update = WatchedUpdate.parse(line) else { return false }
                return update.key == "enterprise.filings|2024|county|computed" && update.value == Decimal(enterprises)
            }, timeout: .seconds(60))
        #expect(filings != nil, "no computed enterprise.filings = \(enterprises) for 2024")
        #expect(expected.keys.contains { $0.hasSuffix("|computed") && $0.hasPrefix("loan.") })
        #expect(expected.keys.contains { $0.hasPrefix("hightech.effective|") })
        // … and so do the indicators computed from the scoring stream.
        #expect(expected.keys.contains { $0.hasPrefix("hightech_pool.tier_") })
        #expect(expected.keys.contains { $0.hasPrefix("scoring.points_median|2024|scheme:") })
        try await calmWatch.stop()
        #expect(try await calm.stop() == 0)

        // Disturbed run: a service is SIGKILLed between the feeds; the supervisor restarts it.
        let stormy = try await EndToEndSystem.start()
        defer { stormy.directory.remove() }
        #expect(try await stormy.run(feed + firstPart).status == 0)
        let victim = try #require(try stormy.pid(of: victimService))
        kill(victim, SIGKILL)
        let restartedLine: @Sendable (String) -> Bool = {
            $0.contains(victimService) && $0.contains("就绪 ready") && !$0.contains("pid \(victim) ")
        }
        if victimService == "ingest" {
            // Documents are only accepted by a running ingest: wait for the restart before feeding the rest.
            let back = await stormy.supervisor.stderr.firstLine(matching: restartedLine, timeout: .seconds(60))
            #expect(back != nil, "the supervisor did not restart ingest")
        }
        // While metrics is dead or restarting, ingest keeps accepting; metrics catches up by replay.
        #expect(try await stormy.run(feed + secondPart).status == 0)
        let restarted = await stormy.supervisor.stderr.firstLine(matching: restartedLine, timeout: .seconds(60))
        #expect(restarted != nil, "the supervisor did not restart \(victimService)")
        #expect(try stormy.pid(of: victimService) != victim)
        try await stormy.waitUntilMetricsCaughtUp()
        let actual = try await stormy.currentValues()
        #expect(actual == expected)
        let missing = Set(expected.keys).subtracting(actual.keys).sorted().prefix(5)
        #expect(missing.isEmpty, "missing after restart: \(missing)")
        // `kechuang down` from "another terminal" stops the supervisor, which stops the services.
        let down = try await stormy.run(["down"])
        #expect(down.status == 0, "down failed: \(down.stdout + down.stderr)")
        #expect(await stormy.supervisor.waitForExit(timeout: .seconds(60)) == 0)
    }
}

@Suite("kechuang subject / ranking / explain through kechuang up")
struct EndToEndScoringTests {
    /// Sample data fed through the supervisor's system is scored; the 一键可查 commands show it.
    @Test(.timeLimit(.minutes(5)))
    func sampleDataIsScoredAndTheQueryCommandsShowIt() async throws {
        let sample = try RunDirectory()
        defer { sample.remove() }
        #expect(try await EndToEndSystem.run(["sample-data", "--enterprises", "40", "--seed", "5", sample.path]).status == 0)
        let system = try await EndToEndSystem.start()
        defer { system.directory.remove() }
        let files = try FileManager.default.contentsOfDirectory(atPath: sample.path).sorted().map { sample.path + "/" + $0 }
        #expect(try await system.run(["feed"] + files).status == 0)
        try await system.waitUntilScoringCaughtUp()

        let status = try await system.run(["status", "--format", "json"])
        #expect(status.status == 0)
        #expect(status.stdout.contains { $0.contains(#""service":"scoring""#) && $0.contains(#""answered":true"#) })

        // The ranking lists enterprises best first; the first one's profile and breakdown can be looked up.
        let ranking = try await system.run(["ranking", "--scheme", "innovation-points-2025", "--top", "3", "--format", "json"])
        #expect(ranking.status == 0, "\(ranking.stderr)")
        let reply = try JSONDecoder().decode(RankingReply.self, from: Data((ranking.stdout.first ?? "").utf8))
        let best = try #require(reply.rows.first)
        #expect(best.rank == 1)
        let subject = try await system.run(["subject", best.subjectID])
        #expect(subject.status == 0, "\(subject.stderr)")
        #expect(subject.stdout.contains { $0.contains(best.name) })
        #expect(subject.stdout.contains { $0.contains("innovation-points-2025") })
        #expect(subject.stdout.contains { $0.contains("高企评估") })
        let explain = try await system.run(["explain", best.subjectID, "--scheme", "innovation-points-2025"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains { $0.contains("研发投入强度") })
        // Every other subject kind of the sample data (subjects-2024.csv) is scored under its kind's scheme.
        for kind in ["rd_institution", "incubator", "university_institute", "talent_team", "town_park"] {
            let ranked = try await system.run(["ranking", "--kind", kind, "--top", "1", "--format", "json"])
            #expect(ranked.status == 0, "\(kind): \(ranked.stderr)")
            let rows = try JSONDecoder().decode(RankingReply.self, from: Data((ranked.stdout.first ?? "").utf8)).rows
            let top = try #require(rows.first, "no \(kind) scored")
            let shown = try await system.run(["subject", top.subjectID, "--format", "json"])
            #expect(shown.status == 0)
            let profile = try JSONDecoder().decode(SubjectReply.self, from: Data((shown.stdout.first ?? "").utf8))
            #expect(profile.subject?.kind == kind)
            #expect(profile.scores.first?.points == top.points)
        }
        let unknown = try await system.run(["subject", "没有这家企业"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains { $0.contains("not found") })
        #expect(try await system.stop() == 0)
    }
}

@Suite("kechuang extract (offline)")
struct EndToEndExtractTests {
    @Test func extractPrintsEveryAnswerKeyFigureAsJSON() async throws {
        let result = try await EndToEndSystem.run(["extract", "--format", "json", "--report-year", "2024", EndToEndTests.seedReport])
        #expect(result.status == 0)
        let data = Data(result.stdout.joined(separator: "\n").utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let observations = try #require(object["observations"] as? [[String: Any]])
        let fields: Set<String> = [
            "value", "unit", "qualifier", "period", "subject", "indicator", "text", "start", "end", "bound", "upper",
            "growth", "rank", "fraction",
        ]
        for observation in observations {
            #expect(Set(observation.keys) == fields)
        }
        for figure in try EndToEndTests.answerKey() {
            let found = observations.contains { observation in
                (observation["unit"] as? String) == figure.unit && (observation["qualifier"] as? String) == figure.qualifier
                    && (observation["value"] as? NSNumber).map { Decimal(string: $0.stringValue) == figure.value } == true
            }
            #expect(found, "extract missed \(figure.phrase)")
        }
        let table = try await EndToEndSystem.run(["extract", EndToEndTests.seedReport])
        #expect(table.status == 0)
        #expect(table.stdout.first?.hasPrefix("数值 value") == true || table.stdout.first?.contains("数值 value") == true)
    }
}
