import Contracts
import Domain
import Foundation
import Logging
import Messaging
import ServiceKit
import Storage
import Streams
import ZeroMQ

/// `kechuang-metrics` in the shape every Kechuang service has (``Streams/StreamServiceBuilder``): it follows the
/// **ingest** and **scoring** streams (each with its own cursor), owns the **metrics** stream, serves `metrics.req`,
/// and prunes metric history once a minute.
enum MetricsAssembly {
    /// The assembled service and its store (closed by the caller after the service ends).
    struct Assembled: Sendable {
        /// The runnable service.
        let service: StreamService
        /// The database.
        let store: MetricsStore
    }

    /// Opens the database and rebuilds the logic from it, binds `metrics.pub`, `metrics.sync` and `metrics.req`
    /// over ZeroMQ, and prepares the ingest and scoring followers. Nothing runs until ``Streams/StreamService/run()``.
    /// Readiness waits for ingest, then for scoring (each at most the ready timeout): without a running scoring
    /// service metrics still starts, announces readiness after the timeout and follows scoring in the background.
    /// - Throws: ``MetricsError``, database errors, or socket errors (e.g. an endpoint already bound).
    static func build(
        configuration: MetricsConfiguration, logger: Logger, announcer: ReadinessAnnouncer = ReadinessAnnouncer()
    ) async throws -> Assembled {
        let catalog: Catalog
        do {
            catalog = try Catalog.bundled(mergingOverrideAt: configuration.catalogPath.map { URL(fileURLWithPath: $0) })
        } catch {
            throw MetricsError.catalog("\(error)")
        }
        let store = try MetricsStore(path: configuration.databasePath)
        let (initialLogic, lastApplied) = try await store.load(catalog: catalog)
        let scoringApplied = try await store.lastApplied(stream: KechuangStream.scoring)
        logger.info(
            "state loaded",
            metadata: ["ingest_applied": "\(lastApplied)", "scoring_applied": "\(scoringApplied)",
                       "values": "\(initialLogic.state.values.count)",
                       "scores": "\(initialLogic.state.scoring.scores.count)",
                       "indicators": "\(catalog.indicators.count)"])
        let logic = SharedMetricsLogic(initialLogic)
        let transport = try ZMQStreamTransport(
            name: "kechuang.metrics.zmq",
            publishHighWaterMark: Int32(configuration.environment.publishHighWaterMark.value),
            security: try TransportSecurity.load(
                configuration.environment.curve,
                upstreams: [.ingestPublish: configuration.ingestPublish, .ingestSync: configuration.ingestSync,
                            .scoringPublish: configuration.scoringPublish, .scoringSync: configuration.scoringSync]),
            logger: logger)
        do {
            var builder = StreamServiceBuilder(name: KechuangStream.metrics, transport: transport, logger: logger)
            let head = CommittedHead()
            let follower = builder.follow(
                StreamFollowerConfiguration(
                    stream: KechuangStream.ingest, publishEndpoint: configuration.ingestPublish,
                    syncEndpoint: configuration.ingestSync, prefixes: [DocumentStored.topicPrefix],
                    source: KechuangStream.metrics, requestTimeout: configuration.requestTimeout),
                lastApplied: lastApplied
            ) { envelopes in
                let applied = try await store.apply(envelopes, to: logic)
                for skipped in applied.skipped {
                    logger.error(
                        "skipped an unreadable ingest event",
                        metadata: ["ingest_sequence": "\(skipped.sequence)", "reason": "\(skipped.reason)"])
                }
                head.advance(to: applied.head, committing: applied.entries)
            }
            // Only scores and high-tech assessments matter here; `grade.changed` and `hightech.changed` repeat what
            // they say (the `hightech` prefix still lets `hightech.changed` through live; replays carry every entry
            // anyway, and the apply skips what it does not need while advancing the cursor over it).
            let scoring = builder.follow(
                StreamFollowerConfiguration(
                    stream: KechuangStream.scoring, publishEndpoint: configuration.scoringPublish,
                    syncEndpoint: configuration.scoringSync,
                    prefixes: [ScoreUpdate.topicPrefix, HighTechUpdate.topicPrefix],
                    source: KechuangStream.metrics, requestTimeout: configuration.requestTimeout),
                lastApplied: scoringApplied
            ) { envelopes in
                let applied = try await store.applyScoring(envelopes, to: logic)
                for skipped in applied.skipped {
                    logger.error(
                        "skipped an unreadable scoring entry",
                        metadata: ["scoring_sequence": "\(skipped.sequence)", "reason": "\(skipped.reason)"])
                }
                head.advance(to: applied.head, committing: applied.entries)
            }
            let handler = MetricsRequestHandler(
                store: store, ingestHead: { follower.progress.knownHead },
                scoringHead: { scoring.progress.knownHead },
                followers: {
                    [(KechuangStream.ingest, follower.progress), (KechuangStream.scoring, scoring.progress)].map {
                        FollowerHealth(
                            stream: $0.0, phase: $0.1.phase.description, halt: $0.1.haltCode,
                            ownerHead: $0.1.haltOwnerHead, lastApplied: $0.1.lastApplied,
                            knownHead: $0.1.knownHead, failures: $0.1.consecutiveFailures,
                            applyFailures: $0.1.consecutiveApplyFailures, lastError: $0.1.lastError)
                    }
                },
                startedAt: ContinuousClock.now, logger: logger)
            try await builder.own(
                stream: KechuangStream.metrics, publish: (.metricsPublish, configuration.metricsPublish),
                sync: (.metricsSync, configuration.metricsSync),
                log: store.logReader, head: head,
                heartbeatInterval: configuration.heartbeatInterval, handler: handler)
            try await builder.serve((.metricsRequest, configuration.metricsRequest), handler: handler)
            let retention = configuration.retention
            builder.every(.seconds(60), name: "retention") {
                do {
                    let removed = try await store.prune(policy: retention)
                    if removed > 0 { logger.info("pruned metric history", metadata: ["entries": "\(removed)"]) }
                } catch {
                    logger.error("pruning failed", metadata: ["error": "\(error)"])
                }
            }
            let service = builder.build(
                readyTimeout: configuration.readyTimeout, environment: configuration.environment, announcer: announcer)
            return Assembled(service: service, store: store)
        } catch {
            await transport.shutdown()
            throw error
        }
    }
}
