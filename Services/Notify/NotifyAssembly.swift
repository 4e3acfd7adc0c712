import AsyncHTTPClient
import Contracts
import Domain
import Foundation
import Logging
import Messaging
import NotifyRules
import ServiceKit
import Storage
import Streams
import ZeroMQ

/// `kechuang-notify` in the shape every Kechuang service has (``Streams/StreamServiceBuilder``): it follows the
/// **metrics** and **scoring** streams (each with its own cursor), serves `notify.req`, flushes waiting groups
/// every `--flush-ms`, delivers through one worker per receiver, and reloads its rules on SIGHUP. It owns no stream.
enum NotifyAssembly {
    /// The assembled service and what the caller closes after it ends.
    struct Assembled: Sendable {
        /// The runnable service.
        let service: StreamService
        /// The database.
        let store: NotifyStore
        /// The engine (tests read it).
        let engine: SharedNotifyEngine
        /// The reloader (tests call it instead of sending SIGHUP).
        let reloader: RulesReloader
    }

    /// Loads the rules (refusing an invalid file with every problem), opens the database and the engine state,
    /// binds `notify.req` and prepares the followers, the flush job and the delivery workers.
    /// - Throws: ``NotifyError``, database errors, or socket errors.
    static func build(
        configuration: NotifyConfiguration, logger: Logger, announcer: ReadinessAnnouncer = ReadinessAnnouncer(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: @escaping @Sendable () -> Date = { Date() }, httpClient: HTTPClient = .shared
    ) async throws -> Assembled {
        let rules: RulesFile
        do {
            rules = try RulesLoader.load(path: configuration.rulesPath)
        } catch {
            throw NotifyError.invalidRules(error.description)
        }
        let names = (try? Catalog.bundled()).map(IndicatorNames.init(catalog:)) ?? IndicatorNames()
        let store = try NotifyStore(path: configuration.databasePath, decoder: NotifyEventDecoder(names: names))
        let engine = SharedNotifyEngine(NotifyEngine(rules: rules, state: try await store.loadState()))
        let metricsApplied = try await store.lastApplied(stream: KechuangStream.metrics)
        let scoringApplied = try await store.lastApplied(stream: KechuangStream.scoring)
        logger.info(
            "rules and state loaded",
            metadata: ["rules_file": "\(configuration.rulesPath)", "rules": "\(rules.rules.count)",
                       "receivers": "\(rules.receivers.keys.sorted().joined(separator: ","))",
                       "metrics_applied": "\(metricsApplied)", "scoring_applied": "\(scoringApplied)"])
        let receivers = ReceiverSet(
            definitions: rules.receivers,
            factory: ReceiverSet.Factory(
                outboxDirectory: configuration.outboxDirectory,
                secrets: SecretReader(environment: environment, baseDirectory: configuration.outboxDirectory),
                client: httpClient, now: now))
        let dispatcher = DeliveryDispatcher(
            store: store, receivers: receivers,
            backoff: DeliveryBackoff(initial: configuration.retryInitial, maximum: configuration.retryMaximum),
            now: now, logger: logger)
        let reloader = RulesReloader(
            path: configuration.rulesPath, engine: engine, receivers: receivers, dispatcher: dispatcher, logger: logger)
        let security = try TransportSecurity.load(
            configuration.environment.curve,
            upstreams: [.metricsPublish: configuration.metricsPublish, .metricsSync: configuration.metricsSync,
                        .scoringPublish: configuration.scoringPublish, .scoringSync: configuration.scoringSync])
        let transport = try ZMQStreamTransport(name: "kechuang.notify.zmq", security: security, logger: logger)
        do {
            var builder = StreamServiceBuilder(name: "notify", transport: transport, logger: logger)
            @Sendable func applied(_ stream: String, _ result: NotifyStore.Applied) {
                for skipped in result.skipped {
                    logger.error(
                        "skipped an unreadable entry",
                        metadata: ["stream": "\(stream)", "sequence": "\(skipped.sequence)", "reason": "\(skipped.reason)"])
                }
                if !result.made.isEmpty { dispatcher.wake(Array(Set(result.made.flatMap(\.receivers)))) }
            }
            let metrics = builder.follow(
                StreamFollowerConfiguration(
                    stream: KechuangStream.metrics, publishEndpoint: configuration.metricsPublish,
                    syncEndpoint: configuration.metricsSync, prefixes: [MetricUpdate.topicPrefix],
                    source: "notify", requestTimeout: configuration.requestTimeout),
                lastApplied: metricsApplied
            ) { envelopes in
                applied(KechuangStream.metrics, try await store.apply(
                    envelopes, stream: KechuangStream.metrics, engine: engine, now: now()))
            }
            let scoring = builder.follow(
                StreamFollowerConfiguration(
                    stream: KechuangStream.scoring, publishEndpoint: configuration.scoringPublish,
                    syncEndpoint: configuration.scoringSync,
                    prefixes: [ScoreUpdate.topicPrefix, GradeChanged.topicPrefix, Topic("hightech")],
                    source: "notify", requestTimeout: configuration.requestTimeout),
                lastApplied: scoringApplied
            ) { envelopes in
                applied(KechuangStream.scoring, try await store.apply(
                    envelopes, stream: KechuangStream.scoring, engine: engine, now: now()))
            }
            let handler = NotifyRequestHandler(
                store: store, engine: engine, dispatcher: dispatcher, rulesPath: configuration.rulesPath,
                followers: {
                    [(KechuangStream.metrics, metrics.progress), (KechuangStream.scoring, scoring.progress)].map {
                        FollowerHealth(
                            stream: $0.0, phase: $0.1.phase.description, halt: $0.1.haltCode,
                            ownerHead: $0.1.haltOwnerHead, lastApplied: $0.1.lastApplied,
                            knownHead: $0.1.knownHead, failures: $0.1.consecutiveFailures,
                            applyFailures: $0.1.consecutiveApplyFailures, lastError: $0.1.lastError)
                    }
                },
                now: now, startedAt: ContinuousClock.now, logger: logger)
            try await builder.serve((.notifyRequest, configuration.notifyRequest), handler: handler)
            builder.every(configuration.flushInterval, name: "flush") {
                do {
                    let made = try await store.flush(engine: engine, now: now())
                    if !made.isEmpty { dispatcher.wake(Array(Set(made.flatMap(\.receivers)))) }
                } catch {
                    logger.error("flushing waiting groups failed", metadata: ["error": "\(error)"])
                }
            }
            builder.add(dispatcher)
            builder.add(reloader)
            let service = builder.build(
                readyTimeout: configuration.readyTimeout, environment: configuration.environment, announcer: announcer)
            return Assembled(service: service, store: store, engine: engine, reloader: reloader)
        } catch {
            await transport.shutdown()
            throw error
        }
    }
}
