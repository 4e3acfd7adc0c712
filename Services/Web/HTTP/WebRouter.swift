import Contracts
import Domain
import Foundation
import Hummingbird
import Logging

/// The HTTP routes of `kechuang-web`: pages, the JSON API under `/api`, the live stream, the vendored assets and
/// `/healthz` (documented in `docs/web.md`). Handlers only read the in-memory state or ask the backend; nothing
/// blocks a thread.
public struct WebRouter: Sendable {
    /// The catalog (indicator names, programs, subject kinds).
    public let catalog: Catalog
    /// The in-memory state the followers keep current.
    public let state: SharedWebState
    /// The live fan-out.
    public let hub: LiveHub
    /// Lookups, rankings and history.
    public let backend: any WebBackend
    /// The bearer token every request must carry, if set.
    public let token: String?
    /// Follower health for `/healthz`.
    public let followers: @Sendable () -> [FollowerHealth]
    /// Logger.
    public let logger: Logger

    /// Creates the routes' dependencies.
    public init(
        catalog: Catalog, state: SharedWebState, hub: LiveHub, backend: any WebBackend, token: String?,
        followers: @escaping @Sendable () -> [FollowerHealth] = { [] }, logger: Logger
    ) {
        self.catalog = catalog
        self.state = state
        self.hub = hub
        self.backend = backend
        self.token = token
        self.followers = followers
        self.logger = logger
    }

    /// The router with every route (and the token check first, when a token is set).
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        if let token { router.add(middleware: BearerTokenMiddleware(token: token)) }
        let routes = self
        router.get("/healthz") { _, _ in try routes.health() }
        router.get("/assets/live.js") { _, _ in
            Self.text(WebAssets.liveScript, type: "application/javascript; charset=utf-8")
        }
        router.get("/assets/kechuang.css") { _, _ in Self.text(WebAssets.styleSheet, type: "text/css; charset=utf-8") }
        router.get("/") { _, _ in Self.html(OverviewPage.render(routes.overview())) }
        router.get("/lookup") { request, _ in
            let query = (QueryString.value("q", in: request.uri.query) ?? "").trimmingCharacters(in: .whitespaces)
            guard !query.isEmpty else { return Self.html(SubjectPage.matches([], query: "")) }
            return await routes.page { SubjectPage.render(try await routes.backend.subject(query: query), query: query) }
        }
        router.get("/subjects/:id") { _, context in
            let id = try context.parameters.require("id")
            return await routes.page { SubjectPage.render(try await routes.backend.subject(query: id), query: id) }
        }
        router.get("/rankings") { _, _ in Self.html(RankingPage.index(kinds: routes.catalog.subjectKinds)) }
        router.get("/rankings/:kind") { request, context in
            let kind = try context.parameters.require("kind")
            let ranking = routes.rankingRequest(kind: kind, query: request.uri.query)
            return await routes.page {
                RankingPage.render(
                    kind: routes.catalog.subjectKind(id: kind), kindID: kind,
                    reply: try await routes.backend.ranking(ranking), cohorts: routes.cohorts(kind: kind),
                    cohort: ranking.cohort)
            }
        }
        router.get("/api/overview") { _, _ in try Self.json(routes.overview()) }
        router.get("/api/indicators") { _, _ in try Self.json(routes.overview().programs.flatMap(\.indicators)) }
        router.get("/api/indicators/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let indicator = routes.catalog.indicator(id: id) else {
                return try Self.problem(.notFound, "未知指标 unknown indicator \"\(id)\"")
            }
            return try Self.json(routes.state.read { IndicatorView(indicator: indicator, state: $0) })
        }
        router.get("/api/indicators/:id/history") { request, context in
            let id = try context.parameters.require("id")
            let limit = QueryString.value("limit", in: request.uri.query).flatMap(Int.init) ?? 200
            return await routes.api { try Self.json(try await routes.backend.history(indicator: id, limit: max(1, min(limit, 1000)))) }
        }
        router.get("/api/subjects") { request, _ in
            let query = (QueryString.value("q", in: request.uri.query) ?? "").trimmingCharacters(in: .whitespaces)
            guard !query.isEmpty else { return try Self.problem(.badRequest, "缺少 q missing query parameter q") }
            return await routes.api { try Self.json(try await routes.backend.subject(query: query)) }
        }
        router.get("/api/subjects/:id") { _, context in
            let id = try context.parameters.require("id")
            return await routes.api { try Self.json(try await routes.backend.subject(query: id)) }
        }
        router.get("/api/rankings/:kind") { request, context in
            let ranking = routes.rankingRequest(kind: try context.parameters.require("kind"), query: request.uri.query)
            return await routes.api { try Self.json(try await routes.backend.ranking(ranking)) }
        }
        router.get("/api/live") { _, _ in routes.live() }
        return router
    }

    // MARK: Pieces

    func overview() -> OverviewView {
        state.read { OverviewView(catalog: catalog, state: $0) }
    }

    func health() throws -> Response {
        let followers = followers()
        let halted = followers.filter(\.isHalted)
        let (metrics, scoring) = state.read { ($0.metricsApplied, $0.scoringApplied) }
        struct Health: Encodable {
            let status: String
            let metricsApplied: UInt64
            let scoringApplied: UInt64
            let liveClients: Int
            let followers: [FollowerHealth]
        }
        return try Self.json(
            Health(status: halted.isEmpty ? "ok" : "halted", metricsApplied: metrics, scoringApplied: scoring,
                   liveClients: hub.clientCount, followers: followers),
            status: halted.isEmpty ? .ok : .serviceUnavailable)
    }

    func rankingRequest(kind: String, query: String?) -> RankingRequest {
        let scheme = QueryString.value("scheme", in: query).flatMap { $0.isEmpty ? nil : $0 }
        let cohort = QueryString.value("cohort", in: query).flatMap { $0.isEmpty ? nil : $0 }
        let top = QueryString.value("top", in: query).flatMap(Int.init) ?? 50
        return RankingRequest(schemeID: scheme, kind: kind, cohort: cohort, top: max(1, min(top, 500)))
    }

    /// Cohorts seen in the current scores of `kind`, sorted.
    func cohorts(kind: String) -> [String] {
        state.read { state in Set(state.scores.values.filter { $0.subjectKind == kind }.map(\.cohort)).sorted() }
    }

    /// The live stream: 503 past the client limit, otherwise `text/event-stream` until the client goes, is dropped
    /// as too slow, or the service shuts down.
    func live() -> Response {
        guard let subscription = hub.connect() else {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            headers[.retryAfter] = "30"
            return Response(
                status: .serviceUnavailable, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(
                    string: "实时连接已满 too many live clients (limit \(hub.maxClients)); retry later\n")))
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        let hello = LiveEvent(name: "hello", data: "{\"client\":\(subscription.id)}").chunk
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 3000\n" + hello))
            for await chunk in subscription.chunks {
                try await writer.write(ByteBuffer(string: chunk))
            }
            try await writer.finish(nil)
        })
    }

    /// Renders a page from the backend, or an error page (502 when a service did not answer).
    func page(_ render: () async throws -> String) async -> Response {
        do {
            return Self.html(try await render())
        } catch let error as WebError {
            logger.warning("page failed", metadata: ["error": "\(error)"])
            return Self.html(PageLayout.errorPage(title: "暂不可用 Unavailable", message: error.description), status: Self.status(of: error))
        } catch {
            logger.error("page failed", metadata: ["error": "\(error)"])
            return Self.html(PageLayout.errorPage(title: "出错 Error", message: "\(error)"), status: .internalServerError)
        }
    }

    /// Answers from the backend, or a JSON problem (502 when a service did not answer).
    func api(_ answer: () async throws -> Response) async -> Response {
        do {
            return try await answer()
        } catch let error as WebError {
            return (try? Self.problem(Self.status(of: error), error.description)) ?? Response(status: .internalServerError)
        } catch {
            return (try? Self.problem(.internalServerError, "\(error)")) ?? Response(status: .internalServerError)
        }
    }

    static func status(of error: WebError) -> HTTPResponse.Status {
        switch error {
        case .rejected: .badRequest
        case .scoringUnavailable, .metricsUnavailable: .badGateway
        case .invalidSetting, .remoteBindRefused, .unreadableTokenFile: .internalServerError
        }
    }

    // MARK: Responses

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func problem(_ status: HTTPResponse.Status, _ message: String) throws -> Response {
        try json(["error": message, "status": "\(status.code)"], status: status)
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    static func text(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "max-age=300"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
