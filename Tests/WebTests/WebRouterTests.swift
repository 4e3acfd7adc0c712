import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Testing
@testable import WebService

@Suite struct WebRouterTests {
    @Test func overviewShowsIndicatorValuesGroupedByProgramWithTrend() async throws {
        let state = SharedWebState()
        let key = MetricKey(indicator: "hightech.effective", period: "2024", source: .reported)
        _ = try state.update {
            try $0.applyMetrics([
                try WebFixtures.metricEnvelope(MetricUpdate(key: key, value: 120, unit: .jia, qualifier: .exact, ingestSequence: 1), sequence: 1),
                try WebFixtures.metricEnvelope(MetricUpdate(key: key, value: 156, unit: .jia, previousValue: 120, qualifier: .exact, ingestSequence: 2), sequence: 2),
            ])
        }
        let (router, _) = try WebFixtures.router(state: state)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("一屏通览"))
                #expect(page.contains("高新技术企业认定"))
                #expect(page.contains("data-indicator=\"hightech.effective\""))
                #expect(page.contains("<td class=\"num\" data-field=\"value\">156</td>"))
                #expect(page.contains("报告 reported"))
                #expect(page.contains("<polyline"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            }
            try await client.execute(uri: "/api/indicators/hightech.effective", method: .get) { response in
                #expect(response.status == .ok)
                let view = try JSONDecoder().decode(IndicatorView.self, from: Data(buffer: response.body))
                #expect(view.current?.value == "156")
                #expect(view.current?.source == "reported")
                #expect(view.trend == ["120", "156"])
            }
            try await client.execute(uri: "/api/indicators/no.such", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"ok\""))
            }
            try await client.execute(uri: "/assets/live.js", method: .get) { response in
                #expect(String(buffer: response.body).contains("new EventSource('/api/live')"))
            }
        }
    }

    @Test func subjectNamesRenderAsTextNotMarkup() async throws {
        let hostile = "<script>alert(\"x\")</script>&'"
        let state = SharedWebState()
        _ = try state.update { try $0.applyScoring([try WebFixtures.scoreEnvelope(WebFixtures.score(name: hostile), sequence: 1)]) }
        var backend = StubBackend()
        let summary = SubjectSummary(kind: "enterprise", id: "91320582MA1XXXXX0X", name: hostile, town: "<b>镇</b>", period: "2024")
        backend.subjectReply = SubjectReply(
            matches: [summary], subject: summary, scores: [WebFixtures.score(name: hostile)], highTech: nil, history: [])
        backend.rankingReply = RankingReply(
            schemeID: "innovation_points", schemeNameZh: "<i>积分</i>",
            rows: [RankingRow(cohort: "<c>", rank: 1, cohortSize: 1, subjectID: "x\"><script>", name: hostile, points: 1, grade: nil)])
        let (router, _) = try WebFixtures.router(state: state, backend: backend)
        try await Application(router: router).test(.router) { client in
            for uri in ["/subjects/91320582MA1XXXXX0X", "/lookup?q=%3Cscript%3E", "/rankings/enterprise"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    let page = String(buffer: response.body)
                    #expect(!page.contains("<script>alert"), "\(uri) must escape the name")
                    #expect(!page.contains("<b>镇</b>"))
                    #expect(!page.contains("<i>积分</i>"))
                    #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"), "\(uri)")
                }
            }
            try await client.execute(uri: "/subjects/91320582MA1XXXXX0X", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("研发投入占比"))
                #expect(page.contains("72.5"))
                #expect(page.contains("排名 rank: 1 / 3"))
            }
            try await client.execute(uri: "/lookup?q=%3Cscript%3E", method: .get) { response in
                // The query echoed into the search box is escaped too.
                #expect(!String(buffer: response.body).contains("value=\"<script>\""))
            }
        }
    }

    @Test func lookupQueryIsEscapedInTheSearchBox() async throws {
        let (router, _) = try WebFixtures.router()
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/lookup?q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(!page.contains("<script>x"))
                #expect(page.contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;"))
                #expect(page.contains("未找到"))
            }
        }
    }

    @Test func everyRequestNeedsTheBearerTokenWhenOneIsSet() async throws {
        let token = "s3cret-token-0123456789"
        let (router, _) = try WebFixtures.router(token: token)
        try await Application(router: router).test(.router) { client in
            for uri in ["/", "/healthz", "/api/overview", "/api/live", "/assets/live.js"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                }
            }
            try await client.execute(uri: "/healthz", method: .get, headers: [.authorization: "Bearer wrong-token-0123456789"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/healthz", method: .get, headers: [.authorization: "Bearer " + token]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/overview", method: .get, headers: [.authorization: "Bearer " + token]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func liveStreamRefusesClientsPastTheLimitWith503() async throws {
        let hub = LiveHub(maxClients: 2, bufferLimit: 8, logger: WebFixtures.logger)
        let held = [hub.connect(), hub.connect()]
        #expect(held.allSatisfy { $0 != nil })
        let (router, _) = try WebFixtures.router(hub: hub)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/live", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "30")
                #expect(String(buffer: response.body).contains("too many live clients"))
            }
        }
        #expect(hub.clientCount == 2)
    }

    @Test func liveStreamDeliversEventsAsServerSentEvents() async throws {
        let hub = LiveHub(maxClients: 2, bufferLimit: 8, logger: WebFixtures.logger)
        let (router, _) = try WebFixtures.router(hub: hub)
        try await Application(router: router).test(.router) { client in
            // The router-mode client collects the whole body, so end the stream once the events are queued.
            let counts = hub.clientCounts()
            let feeder = Task {
                for await count in counts where count > 0 { break }
                hub.publish([LiveEvent(name: "metric", data: "{\"id\":\"loan.granted_amount\"}")])
                hub.close()
            }
            try await client.execute(uri: "/api/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/event-stream") == true)
                let body = String(buffer: response.body)
                #expect(body.contains("event: hello\n"))
                #expect(body.contains("event: metric\ndata: {\"id\":\"loan.granted_amount\"}\n\n"))
            }
            try await withDeadline(.seconds(5), orThrow: CancellationError()) { try await feeder.value }
        }
    }
}
