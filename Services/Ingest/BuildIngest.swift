import Contracts
import Domain
import Foundation
import Logging
import Messaging
import ServiceKit
import ZeroMQ

/// Builds the ingest service from its resolved configuration: prepares the directories, opens the database,
/// loads the catalog, binds the three sockets and wires the stream owner and request handler. Returns before
/// anything runs; the caller announces readiness and runs ``IngestRuntime/services``.
func buildIngest(configuration: IngestConfiguration, logger: Logger) async throws -> IngestRuntime {
    try configuration.environment.directories.prepare()
    let catalog = try Catalog.bundled(mergingOverrideAt: configuration.catalogPath.map { URL(fileURLWithPath: $0) })
    let store = try IngestStore(path: configuration.databasePath, source: IngestConfiguration.service)
    let headers = HeaderFactory(source: IngestConfiguration.service)
    let registry = MessageRegistry(KechuangMessages.all)
    let loop = try SocketLoop(name: "kechuang.ingest.zmq")
    do {
        let publishSocket = try await loop.open(.pub, options: [.sendHighWaterMark(100_000)]) {
            try $0.bind(configuration.publishEndpoint)
        }
        let syncSocket = try await loop.open(.router, options: [.routerMandatory(false)]) {
            try $0.bind(configuration.syncEndpoint)
        }
        let requestSocket = try await loop.open(
            .router, options: [.routerMandatory(false), .maxMessageSize(configuration.socketMessageLimit)]
        ) { try $0.bind(configuration.requestEndpoint) }
        let endpoints: [String: String] = [
            EndpointName.ingestPublish.rawValue: try await publishSocket.withSocket { try $0.lastEndpoint() },
            EndpointName.ingestSync.rawValue: try await syncSocket.withSocket { try $0.lastEndpoint() },
            EndpointName.ingestRequest.rawValue: try await requestSocket.withSocket { try $0.lastEndpoint() },
        ]
        let owner = try StreamOwnerService(
            owner: StreamOwner(stream: KechuangStream.ingest), reader: store.logReader,
            publisher: ZMQPublisher(socket: publishSocket),
            syncServer: ZMQRequestServer(socket: syncSocket, headers: headers, registry: registry, logger: logger),
            headers: headers, heartbeatInterval: configuration.heartbeatInterval, logger: logger)
        let handler = IngestRequestHandler(
            logic: IngestLogic(catalog: catalog, maxDocumentBytes: configuration.maxDocumentBytes), store: store,
            committed: { [owner] head in owner.committed(through: head) }, logger: logger,
            startedAt: .now, currentYear: { IngestLogic.currentYear() })
        let requests = IngestRequestService(
            server: ZMQRequestServer(socket: requestSocket, headers: headers, registry: registry, logger: logger),
            handler: handler, maxConcurrent: 64)
        return IngestRuntime(
            services: [SocketLoopService(loop: loop), owner, requests]
                + [ParentWatchService.forEnvironment(configuration.environment, logger: logger)].compactMap { $0 },
            readiness: ReadinessLine(service: IngestConfiguration.service, endpoints: endpoints),
            streamOwner: owner, store: store)
    } catch {
        await loop.shutdown()
        throw error
    }
}
