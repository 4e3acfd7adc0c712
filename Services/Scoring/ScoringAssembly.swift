import Contracts
import Domain
import Foundation
import Logging
import Messaging
import Scoring
import ServiceKit
import Storage
import Streams
import ZeroMQ

/// `kechuang-scoring` in the shape every Kechuang service has (``Streams/StreamServiceBuilder``): it follows the
/// **ingest** stream, owns the **scoring** stream, and serves `scoring.req`.
enum ScoringAssembly {
    /// The assembled service and its store (closed by the caller after the service ends).
    struct Assembled: Sendable {
        /// The runnable service.
        let service: StreamService
        /// The database.
        let store: ScoringStore
    }

    /// Loads and validates the scheme files (refusing to start on any error, each named with file, line and reason),
    /// opens the database and rebuilds the logic from it (re-publishing every score when a scheme changed), binds
    /// `scoring.pub`, `scoring.sync` and `scoring.req` over ZeroMQ, and prepares the ingest follower.
    /// - Throws: ``ScoringError``, database errors, or socket errors.
    static func build(
        configuration: ScoringConfiguration, logger: Logger, announcer: ReadinessAnnouncer = ReadinessAnnouncer()
    ) async throws -> Assembled {
        try configuration.environment.directories.prepare()
        let schemes = try loadSchemes(configuration: configuration)
        let store = try ScoringStore(path: configuration.databasePath)
        let (initialLogic, lastApplied, changed) = try await store.load(schemes: schemes)
        let logic = SharedScoringLogic(initialLogic)
        if !changed.isEmpty {
            let outputs = logic.withLogic { $0.rescoreAll() }
            let recorded = try await store.recordSchemes(schemes, rescored: outputs)
            logger.notice(
                "scheme files changed: every score re-computed and re-published",
                metadata: ["schemes": "\(changed.joined(separator: ", "))", "scores": "\(recorded.count)"])
        }
        let counts = logic.withLogic { $0.counts }
        logger.info(
            "state loaded",
            metadata: ["ingest_applied": "\(lastApplied)", "subjects": "\(counts.subjects)", "scores": "\(counts.scores)",
                       "schemes": "\(schemes.map { "\($0.id)@\($0.version)" }.joined(separator: ","))"])
        let transport = try ZMQStreamTransport(
            name: "kechuang.scoring.zmq",
            publishHighWaterMark: Int32(configuration.environment.publishHighWaterMark.value),
            security: try TransportSecurity.load(
                configuration.environment.curve,
                upstreams: [.ingestPublish: configuration.ingestPublish, .ingestSync: configuration.ingestSync]),
            logger: logger)
        do {
            var builder = StreamServiceBuilder(name: KechuangStream.scoring, transport: transport, logger: logger)
            let head = CommittedHead()
            let follower = builder.follow(
                StreamFollowerConfiguration(
                    stream: KechuangStream.ingest, publishEndpoint: configuration.ingestPublish,
                    syncEndpoint: configuration.ingestSync, prefixes: [FilingRecorded.topicPrefix],
                    source: KechuangStream.scoring, requestTimeout: configuration.requestTimeout),
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
            let handler = ScoringRequestHandler(
                store: store, logic: logic, head: head, ingest: { follower.progress }, startedAt: ContinuousClock.now,
                logger: logger)
            try await builder.own(
                stream: KechuangStream.scoring, publish: (.scoringPublish, configuration.scoringPublish),
                sync: (.scoringSync, configuration.scoringSync), log: store.logReader, head: head,
                heartbeatInterval: configuration.heartbeatInterval, handler: handler)
            try await builder.serve((.scoringRequest, configuration.scoringRequest), handler: handler)
            if let interval = configuration.settleInterval {
                builder.every(interval, name: "settle") {
                    do {
                        let settled = try await store.settle(logic)
                        head.advance(to: settled.head, committing: settled.entries)
                        if settled.messages > 0 {
                            logger.info("settled", metadata: ["published": "\(settled.messages)"])
                        }
                    } catch {
                        logger.error("settle failed", metadata: ["error": "\(error)"])
                    }
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

    /// Every scheme file of the configured folder, validated against the catalog.
    static func loadSchemes(configuration: ScoringConfiguration) throws -> [ScoringScheme] {
        let catalog: Catalog
        do {
            catalog = try Catalog.bundled(mergingOverrideAt: configuration.catalogPath.map { URL(fileURLWithPath: $0) })
        } catch {
            throw ScoringError.catalog("\(error)")
        }
        let folder = URL(fileURLWithPath: configuration.schemesPath)
        let schemes: [ScoringScheme]
        do {
            schemes = try SchemeLoader(vocabulary: .standard(catalog: catalog)).loadDirectory(folder)
        } catch {
            throw ScoringError.invalidSchemes("\(error)")
        }
        guard !schemes.isEmpty else { throw ScoringError.noSchemes(folder: configuration.schemesPath) }
        return schemes
    }
}
