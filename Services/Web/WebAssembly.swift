import Contracts
import Domain
import Foundation
import Hummingbird
import Logging
import Messaging
import ServiceKit
import Streams
import ZeroMQ

/// `kechuang-web` in the shape every Kechuang service has (``Streams/StreamServiceBuilder``): it follows the
/// **metrics** and **scoring** streams read-only from a snapshot (its state lives in memory and is rebuilt at every
/// start), serves `web.req` for `kechuang status`, and runs the Hummingbird server and the live fan-out as members
/// of the same service group. It owns no stream and submits nothing.
enum WebAssembly {
    /// The assembled service and what the caller closes after it ends.
    struct Assembled: Sendable {
        /// The runnable service.
        let service: StreamService
        /// Scoring and metrics clients (closed by the service on shutdown).
        let backend: ZMQWebBackend
        /// The in-memory state (tests read it).
        let state: SharedWebState
        /// The live fan-out (tests read it).
        let hub: LiveHub
    }

    /// Loads the catalog, binds `web.req`, connects the backend clients and prepares the followers, the HTTP server
    /// (bound when the service runs) and the live hub.
    /// - Throws: ``WebError``, a catalog error, or socket errors.
    static func build(
        configuration: WebConfiguration, logger: Logger, announcer: ReadinessAnnouncer = ReadinessAnnouncer()
    ) async throws -> Assembled {
        let catalog = try Catalog.bundled(
            mergingOverrideAt: ProcessInfo.processInfo.environment["KECHUANG_CATALOG"].flatMap {
                $0.isEmpty ? nil : URL(fileURLWithPath: $0)
            })
        let state = SharedWebState()
        let hub = LiveHub(maxClients: configuration.maxLiveClients, bufferLimit: configuration.liveBuffer, logger: logger)
        let security = try TransportSecurity.load(
            configuration.environment.curve,
            upstreams: [.metricsPublish: configuration.metricsPublish, .metricsSync: configuration.metricsSync,
                        .scoringPublish: configuration.scoringPublish, .scoringSync: configuration.scoringSync,
                        .scoringRequest: configuration.scoringRequest])
        let transport = try ZMQStreamTransport(name: "kechuang.web.zmq", security: security, logger: logger)
        do {
            var builder = StreamServiceBuilder(name: "web", transport: transport, logger: logger)
            let metrics = builder.follow(
                StreamFollowerConfiguration(
                    stream: KechuangStream.metrics, publishEndpoint: configuration.metricsPublish,
                    syncEndpoint: configuration.metricsSync, prefixes: [MetricUpdate.topicPrefix], source: "web",
                    start: .snapshot(prefix: "metric."), requestTimeout: configuration.requestTimeout),
                lastApplied: 0,
                loadSnapshot: { entries, sequence in
                    let changed = try state.update { try $0.loadMetricsSnapshot(entries, sequence: sequence) }
                    hub.publish(state.read { LiveEvents.metrics(changed, catalog: catalog, state: $0) })
                },
                apply: { envelopes in
                    let changed = try state.update { try $0.applyMetrics(envelopes) }
                    hub.publish(state.read { LiveEvents.metrics(changed, catalog: catalog, state: $0) })
                })
            let scoring = builder.follow(
                StreamFollowerConfiguration(
                    stream: KechuangStream.scoring, publishEndpoint: configuration.scoringPublish,
                    syncEndpoint: configuration.scoringSync,
                    prefixes: [ScoreUpdate.topicPrefix, GradeChanged.topicPrefix, HighTechUpdate.topicPrefix],
                    source: "web", start: .snapshot(prefix: ""), requestTimeout: configuration.requestTimeout),
                lastApplied: 0,
                loadSnapshot: { entries, sequence in
                    let changed = try state.update { try $0.loadScoringSnapshot(entries, sequence: sequence) }
                    hub.publish(state.read { LiveEvents.scoring(changed, state: $0) })
                },
                apply: { envelopes in
                    let changed = try state.update { try $0.applyScoring(envelopes) }
                    hub.publish(state.read { LiveEvents.scoring(changed, state: $0) })
                })
            let followers: @Sendable () -> [FollowerHealth] = {
                [(KechuangStream.metrics, metrics.progress), (KechuangStream.scoring, scoring.progress)].map {
                    FollowerHealth(
                        stream: $0.0, phase: $0.1.phase.description, halt: $0.1.haltCode,
                        ownerHead: $0.1.haltOwnerHead, lastApplied: $0.1.lastApplied)
                }
            }
            let bound = BoundAddress(configuration.httpAddress)
            let backend = try await ZMQWebBackend(
                transport: transport, scoringRequest: configuration.scoringRequest,
                metricsSync: configuration.metricsSync, timeout: configuration.requestTimeout)
            try await builder.serve(
                (.webRequest, configuration.webRequest),
                handler: WebRequestHandler(
                    httpAddress: bound, state: state, hub: hub, followers: followers,
                    startedAt: ContinuousClock.now))
            builder.announce("web.http", address: configuration.httpAddress)
            let router = WebRouter(
                catalog: catalog, state: state, hub: hub, backend: backend, token: configuration.token,
                followers: followers, logger: logger)
            let application = Application(
                router: router.makeRouter(),
                configuration: ApplicationConfiguration(
                    address: .hostname(configuration.host, port: configuration.port), serverName: "kechuang-web"),
                onServerRunning: { channel in
                    if let port = channel.localAddress?.port {
                        bound.set(BoundAddress.url(host: configuration.host, port: port))
                    }
                    logger.info("http server listening", metadata: [
                        "address": "\(bound.value)",
                        "token_required": "\(configuration.token != nil)",
                    ])
                },
                logger: logger)
            // Shutdown runs in reverse: the ping and the seeder stop, the hub ends every live stream, only then does the
            // HTTP server drain (an open event stream would otherwise hold its drain to the deadline), and last the
            // backend clients close.
            builder.add(backend)
            builder.add(application)
            builder.add(hub)
            builder.add(HistorySeeder(follower: metrics, state: state, backend: backend, limit: WebState.trendLimit, logger: logger))
            builder.every(.seconds(15), name: "live-ping") { hub.ping() }
            let service = builder.build(
                readyTimeout: configuration.readyTimeout, environment: configuration.environment, announcer: announcer)
            return Assembled(service: service, backend: backend, state: state, hub: hub)
        } catch {
            await transport.shutdown()
            throw error
        }
    }
}
