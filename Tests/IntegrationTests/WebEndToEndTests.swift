import Contracts
import Foundation
import KechuangTestSupport
import Testing

/// The web front end to end: the real binaries under `kechuang up`, the seed report and sample data fed through
/// ingest → scoring → metrics → web, pages and API fetched over HTTP, and one more document seen arriving over SSE.
@Suite("Web end to end", .serialized)
struct WebEndToEndTests {
    /// The web front's port, from `kechuang status` (the supervisor starts it with `KECHUANG_WEB_PORT=0`).
    static func webPort(_ system: EndToEndSystem) async throws -> Int {
        try await withDeadline(.seconds(60), orThrow: HTTPConnection.Failure(description: "web never reported its port")) {
            while true {
                let status = try await system.run(["status", "--format", "json"])
                if let line = status.stdout.first(where: { $0.hasPrefix(#"{"service":"web","#) }),
                   let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                   let address = (object["status"] as? [String: Any])?["httpAddress"] as? String,
                   let port = address.split(separator: ":").last.flatMap({ Int($0) }), port > 0 {
                    return port
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    @Test(.timeLimit(.minutes(8)))
    func overviewSubjectPageAndLiveUpdatesShowTheFedData() async throws {
        let sample = try RunDirectory()
        defer { sample.remove() }
        #expect(try await EndToEndSystem.run(["sample-data", "--enterprises", "20", "--seed", "7", sample.path]).status == 0)
        let system = try await EndToEndSystem.start()
        defer { system.directory.remove() }
        let port = try await Self.webPort(system)

        #expect(try await system.run(["feed", "--report-year", "2024", EndToEndTests.seedReport]).status == 0)
        let files = ["filings-2024.jsonl", "events.jsonl", "subjects-2024.csv"].map { sample.path + "/" + $0 }
        #expect(try await system.run(["feed", "--concurrency", "1"] + files).status == 0)
        try await system.waitUntilMetricsCaughtUp()
        let expected = try await system.currentValues()
        let county = expected.filter { $0.key.contains("|county|") }
        #expect(!county.isEmpty)

        // The web front follows the metrics stream: wait until every county value is shown as metrics has it.
        struct Shown: Decodable { let programs: [Program]; struct Program: Decodable { let indicators: [IndicatorView] } }
        struct IndicatorView: Decodable { let id: String; let values: [Value] }
        struct Value: Decodable { let value: String; let period: String; let source: String }
        let mismatches = try await withDeadline(.seconds(60), orThrow: HTTPConnection.Failure(description: "web did not catch up")) {
            while true {
                let (status, body) = try await HTTPConnection.fetch(port: port, path: "/api/overview")
                if status == 200, let shown = try? JSONDecoder().decode(Shown.self, from: Data(body.utf8)) {
                    var seen: [String: Decimal] = [:]
                    for indicator in shown.programs.flatMap(\.indicators) {
                        for value in indicator.values {
                            seen["\(indicator.id)|\(value.period)|county|\(value.source)"] = Decimal(string: value.value)
                        }
                    }
                    let missing = county.filter { seen[$0.key] != $0.value }
                    if missing.isEmpty { return [String]() }
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(mismatches.isEmpty)

        // The overview page shows the seed report's figures (e.g. 走访企业259家) in its rows.
        let overview = try await HTTPConnection.fetch(port: port, path: "/")
        #expect(overview.status == 200)
        #expect(overview.body.contains("一屏通览"))
        let reported = county.filter { $0.key.hasSuffix("|reported") }
        #expect(!reported.isEmpty)
        let shownReported = reported.filter { overview.body.contains("data-field=\"value\">\($0.value)<") }
        #expect(!shownReported.isEmpty, "no reported figure of the seed report on the overview")
        #expect(overview.body.contains("data-field=\"value\">752<"), "the seed report's 752 recommended applicants")
        #expect(overview.body.contains("报告 reported"))
        #expect(overview.body.contains("<polyline"))

        // A subject page: the top of the enterprise ranking, with its points and breakdown.
        let ranking = try await HTTPConnection.fetch(port: port, path: "/api/rankings/enterprise")
        #expect(ranking.status == 200, "\(ranking.body)")
        let reply = try JSONDecoder().decode(RankingReply.self, from: Data(ranking.body.utf8))
        let top = try #require(reply.rows.first)
        let page = try await HTTPConnection.fetch(port: port, path: "/subjects/" + top.subjectID)
        #expect(page.status == 200)
        #expect(page.body.contains(top.subjectID))
        #expect(page.body.contains("得分明细"))
        #expect(page.body.contains("data-breakdown="))
        #expect(page.body.contains("排名 rank: \(top.rank) / \(top.cohortSize)"))
        let rankingPage = try await HTTPConnection.fetch(port: port, path: "/rankings/enterprise")
        #expect(rankingPage.body.contains(top.subjectID))

        // Live: open the event stream, feed one more document, and see metric events arrive.
        let live = try HTTPConnection.get(port: port, path: "/api/live")
        #expect(await live.lines.firstLine(matching: { $0.hasPrefix("event: hello") }, timeout: .seconds(30)) != nil)
        #expect(try await system.run(["feed", "--concurrency", "1", sample.path + "/filings-2023.jsonl"]).status == 0)
        let event = await live.lines.firstLine(matching: { $0.hasPrefix("event: metric") }, timeout: .seconds(60))
        #expect(event != nil, "no metric event over SSE after feeding filings-2023: \(live.lines.tail())")
        let data = await live.lines.firstLine(matching: { $0.hasPrefix("data: {\"indicator\":") && $0.contains("\"2023\"") }, timeout: .seconds(60))
        #expect(data != nil, "no 2023 value over SSE")
        #expect(try await system.stop() == 0)
    }
}
