import Contracts
import Domain
import Foundation
import Logging
import Messaging
import ServiceKit
import ServiceLifecycle
import Storage
import ZeroMQ

/// The running pieces of `kechuang-metrics`: the store, the ingest follower, the metrics stream owner, the
/// request server, the retention pruner and the readiness announcement. Built by
/// ``buildMetrics(configuration:logger:readiness:)``; ``run()`` runs them until SIGTERM/SIGINT.
public final class MetricsApplication: Sendable {
    /// The resolved configuration.
    public let configuration: MetricsConfiguration
    /// The database.
    public let store: MetricsStore
    /// Follows the ingest stream.
    public let follower: StreamFollowerService
    /// Publishes the metrics stream and answers replay (snapshot, history and status through its handler).
    public let owner: StreamOwnerService
    /// Bound endpoints by name (as in the readiness line).
    public let endpoints: [String: String]
    /// The services, in start order (shut down in reverse).
    public let services: [any Service]
    private let loop: SocketLoop
    private let logger: Logger

    init(
        configuration: MetricsConfiguration, store: MetricsStore, follower: StreamFollowerService,
        owner: StreamOwnerService, endpoints: [String: String], services: [any Service], loop: SocketLoop,
        logger: Logger
    ) {
        self.configuration = configuration
        self.store = store
        self.follower = follower
        self.owner = owner
        self.endpoints = endpoints
        self.services = services
        self.loop = loop
        self.logger = logger
    }

    /// Runs every service until a graceful shutdown, then closes the sockets and the database.
    public func run() async throws {
        do {
            try await ServiceRunner.run(services: services, logger: logger)
        } catch {
            await loop.shutdown()
            throw error
        }
        await loop.shutdown()
        try? store.database.close()
        logger.info("stopped")
    }
}

/// Builds the metrics service: opens the database and rebuilds the logic from it, binds `metrics.pub`,
/// `metrics.sync` and `metrics.req`, and prepares the ingest follower. Nothing runs until
/// ``MetricsApplication/run()``.
/// - Throws: ``MetricsError``, database errors, or socket errors (e.g. an endpoint already bound).
public func buildMetrics(
    configuration: MetricsConfiguration, logger: Logger, readiness: ReadinessAnnouncer = ReadinessAnnouncer()
) async throws -> MetricsApplication {
    let catalog: Catalog
    do {
        catalog = try Catalog.bundled(mergingOverrideAt: configuration.catalogPath.map { URL(fileURLWithPath: $0) })
    } catch {
        throw MetricsError.catalog("\(error)")
    }
    let store = try MetricsStore(path: configuration.databasePath)
    let (initialLogic, lastApplied) = try store.load(catalog: catalog)
    logger.info(
        "state loaded",
        metadata: ["ingest_applied": "\(lastApplied)", "values": "\(initialLogic.state.values.count)",
                   "indicators": "\(catalog.indicators.count)"])
    let engine = MetricsEngine(initialLogic)
    let loop = try SocketLoop(name: "kechuang.metrics.zmq")
    let publisher: ZMQPublisher
    let syncServer: ZMQRequestServer
    let requestServer: ZMQRequestServer
    do {
        publisher = try await ZMQPublisher.bind(configuration.metricsPublish, on: loop)
        syncServer = try await ZMQRequestServer.bind(
            configuration.metricsSync, on: loop, source: KechuangStream.metrics, logger: logger)
        requestServer = try await ZMQRequestServer.bind(
            configuration.metricsRequest, on: loop, source: KechuangStream.metrics, logger: logger)
    } catch {
        await loop.shutdown()
        throw error
    }
    let followerReference = LateBound<StreamFollowerService>()
    let handler = MetricsRequestHandler(
        store: store, ingestHead: { followerReference.value?.progress.knownHead ?? 0 },
        startedAt: ContinuousClock.now, logger: logger)
    let owner = try StreamOwnerService(
        owner: StreamOwner(stream: KechuangStream.metrics), reader: StreamLogDatabaseReader(reader: store.database.pool),
        publisher: publisher, syncServer: syncServer, headers: HeaderFactory(source: KechuangStream.metrics),
        heartbeatInterval: configuration.heartbeatInterval, handler: handler, logger: logger)
    let follower = StreamFollowerService(
        configuration: StreamFollowerConfiguration(
            stream: KechuangStream.ingest, publishEndpoint: configuration.ingestPublish,
            syncEndpoint: configuration.ingestSync, prefixes: [DocumentStored.topicPrefix],
            source: KechuangStream.metrics, requestTimeout: configuration.requestTimeout),
        loop: loop, lastApplied: lastApplied, logger: logger
    ) { envelopes in
        let applied = try await store.apply(envelopes, to: engine)
        for skipped in applied.skipped {
            logger.error(
                "skipped an unreadable ingest event",
                metadata: ["ingest_sequence": "\(skipped.sequence)", "reason": "\(skipped.reason)"])
        }
        owner.committed(through: applied.head)
    }
    followerReference.bind(follower)
    let endpoints = [
        EndpointName.metricsPublish.rawValue: configuration.metricsPublish,
        EndpointName.metricsSync.rawValue: configuration.metricsSync,
        EndpointName.metricsRequest.rawValue: configuration.metricsRequest,
    ]
    let requests = ClosureService(name: "metrics.req") {
        await withTaskCancellationHandler {
            await requestServer.serve(handler)
        } onCancel: {
            Task { await requestServer.close() }
        }
    }
    let retention = configuration.retention
    let pruner = ClosureService(name: "retention") {
        while !Task.isCancelled {
            do {
                let removed = try await store.prune(policy: retention)
                if removed > 0 { logger.info("pruned metric history", metadata: ["entries": "\(removed)"]) }
            } catch {
                logger.error("pruning failed", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: .seconds(60)) } catch { return }
        }
    }
    let readyTimeout = configuration.readyTimeout
    let ingestEndpoints = "\(configuration.ingestPublish) \(configuration.ingestSync)"
    let announcer = ClosureService(name: "readiness") {
        let caughtUp = await follower.waitUntilCaughtUp(timeout: readyTimeout)
        if Task.isCancelled { return }
        if !caughtUp {
            logger.warning(
                "ingest unreachable or not caught up yet; ready anyway, following it in the background",
                metadata: ["ingest": "\(ingestEndpoints)", "ingest_applied": "\(follower.lastApplied)",
                           "waited_ms": "\(readyTimeout.components.seconds * 1000 + readyTimeout.components.attoseconds / 1_000_000_000_000_000)"])
        }
        readiness.announce(ReadinessLine(service: KechuangStream.metrics, endpoints: endpoints))
        logger.info(
            "ready", metadata: ["caught_up_with_ingest": "\(caughtUp)", "ingest_applied": "\(follower.lastApplied)"])
        while !Task.isCancelled {
            do { try await Task.sleep(for: .seconds(3600)) } catch { return }
        }
    }
    return MetricsApplication(
        configuration: configuration, store: store, follower: follower, owner: owner, endpoints: endpoints,
        services: [owner, requests, pruner, follower, announcer]
            + [ParentWatchService.forEnvironment(configuration.environment, logger: logger)].compactMap { $0 },
        loop: loop, logger: logger)
}
