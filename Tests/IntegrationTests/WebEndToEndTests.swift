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

    /// A system under `kechuang up` with the seed report and sample data (20 enterprises, seed 7) fed, metrics caught
    /// up and the web front showing every county value metrics holds.
    struct FedSystem {
        let system: EndToEndSystem
        let sample: RunDirectory
        let port: Int
        /// The county values metrics holds (`indicator|period|county|source` → value).
        let county: [String: Decimal]

        func remove() {
            sample.remove()
            system.directory.remove()
        }
    }

    static func startFedSystem() async throws -> FedSystem {
        let sample = try RunDirectory()
        #expect(try await EndToEndSystem.run(["sample-data", "--enterprises", "20", "--seed", "7", sample.path]).status == 0)
        let system = try await EndToEndSystem.start()
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
        return FedSystem(system: system, sample: sample, port: port, county: county)
    }

    @Test(.timeLimit(.minutes(8)))
    func overviewSubjectPageAndLiveUpdatesShowTheFedData() async throws {
        let fed = try await Self.startFedSystem()
        defer { fed.remove() }
        let (system, sample, port, county) = (fed.system, fed.sample, fed.port, fed.county)

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

/// The pages as an officer's browser shows them: Debian's headless Chromium opens the overview and a subject page
/// of a system under `kechuang up` fed with the seed report and sample data, and the test asserts on the DOM after
/// the page's script ran (`--dump-dom`). Screenshots (1920×1080) are kept as artefacts in
/// `$KECHUANG_TEST_ARTIFACTS/web` (default `<tmp>/kechuang-artifacts/web`). Skipped when no chromium is installed
/// (`compose/setup.sh` installs it).
@Suite("Web in a browser", .serialized)
struct WebBrowserTests {
    /// Where the screenshots go; kept after the test (overwritten by the next run).
    static func artefactDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["KECHUANG_TEST_ARTIFACTS"]
            ?? (NSTemporaryDirectory() + "/kechuang-artifacts")
        let directory = URL(fileURLWithPath: base).appendingPathComponent("web").standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Whether `/assets/live.js` ran in the page: only the script sets `data-live` on the status badge
    /// (`connecting` once it opened the `EventSource` on /api/live, `open` once the stream answered). `--dump-dom`
    /// serialises the DOM right after the load event, which may come before the stream's first answer.
    static func liveScriptRan(_ dom: String) -> Bool {
        dom.contains("data-live=\"connecting\"") || dom.contains("data-live=\"open\"")
    }

    @Test("headless Chromium shows the seed's figures and a subject's breakdown, after live.js connected",
          .enabled(if: Chromium.isInstalled, "chromium is not installed (apt-get install chromium; compose/setup.sh does it)"),
          .timeLimit(.minutes(8)))
    func overviewAndSubjectPageRenderInChromium() async throws {
        let fed = try await WebEndToEndTests.startFedSystem()
        defer { fed.remove() }
        let profile = fed.sample.file("chromium-profile")
        let artefacts = try Self.artefactDirectory()
        let base = "http://127.0.0.1:\(fed.port)"

        // 一屏通览: the seed report's figures in the rendered rows, and the live script connected to /api/live
        // (only live.js turns the status badge from 连接中 connecting into 实时 live).
        let overview = try await Chromium.dumpDOM(base + "/", profile: profile)
        #expect(overview.contains("一屏通览"))
        #expect(overview.contains("data-field=\"value\">752<"), "the seed report's 752 recommended applicants")
        // Every reported figure the server renders as a row's current value is in the browser's DOM too.
        let served = try await HTTPConnection.fetch(port: fed.port, path: "/")
        let reported = Set(fed.county.filter { $0.key.hasSuffix("|reported") }.map { "data-field=\"value\">\($0.value)<" })
        let servedReported = reported.filter { served.body.contains($0) }
        #expect(servedReported.count >= 5, "only \(servedReported.count) reported figures on the served page")
        let missing = servedReported.filter { !overview.contains($0) }
        #expect(missing.isEmpty, "reported figures served but not in the rendered DOM: \(missing.sorted())")
        #expect(overview.contains("报告 reported"))
        #expect(overview.contains("<polyline"))
        #expect(Self.liveScriptRan(overview),
                "live.js did not run: \(overview.firstRange(of: "live-status").map { String(overview[$0.lowerBound...].prefix(160)) } ?? "no badge")")

        // 一键可查: the top enterprise's page with its points, breakdown and rank.
        let ranking = try await HTTPConnection.fetch(port: fed.port, path: "/api/rankings/enterprise")
        #expect(ranking.status == 200, "\(ranking.body)")
        let reply = try JSONDecoder().decode(RankingReply.self, from: Data(ranking.body.utf8))
        let top = try #require(reply.rows.first)
        let subjectURL = base + "/subjects/" + top.subjectID
        let subject = try await Chromium.dumpDOM(subjectURL, profile: profile)
        #expect(subject.contains(top.subjectID))
        #expect(subject.contains("得分明细"))
        #expect(subject.contains("data-breakdown="))
        #expect(subject.contains("排名 rank: \(top.rank) / \(top.cohortSize)"))
        #expect(Self.liveScriptRan(subject), "live.js did not run on the subject page")

        // Screenshots as a wall screen shows them, kept for the README and for looking at a failed run.
        let overviewPNG = artefacts + "/overview.png", subjectPNG = artefacts + "/subject.png"
        try await Chromium.screenshot(base + "/", to: overviewPNG, profile: profile)
        try await Chromium.screenshot(subjectURL, to: subjectPNG, profile: profile)
        for path in [overviewPNG, subjectPNG] {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            #expect(size > 10_000, "\(path) is only \(size) bytes")
        }
        print("web screenshots: \(overviewPNG) \(subjectPNG)")
        #expect(try await fed.system.stop() == 0)
    }
}
