import Contracts
import DocumentConversion
import Domain
import Foundation
import Logging
import Messaging
import ServiceKit
import Streams
import ZeroMQ

/// `kechuang-ingest` in the shape every Kechuang service has (``Streams/StreamServiceBuilder``): it owns the
/// **ingest** stream and serves `ingest.req`; it follows nothing.
enum IngestAssembly {
    /// Prepares the directories, opens the database, loads the catalog, binds `ingest.pub`, `ingest.sync` and
    /// `ingest.req` over ZeroMQ and wires the stream owner and the request handler. Nothing runs until
    /// ``Streams/StreamService/run()``.
    /// - Throws: directory, catalog, database or socket errors (e.g. an endpoint already bound).
    static func build(configuration: IngestConfiguration, logger: Logger) async throws -> StreamService {
        try configuration.environment.directories.prepare()
        let catalog = try Catalog.bundled(mergingOverrideAt: configuration.catalogPath.map { URL(fileURLWithPath: $0) })
        let store = try IngestStore(path: configuration.databasePath, source: IngestConfiguration.service)
        let transport = try ZMQStreamTransport(
            name: "kechuang.ingest.zmq", registry: MessageRegistry(KechuangMessages.all),
            publishHighWaterMark: Int32(configuration.environment.publishHighWaterMark.value),
            security: try TransportSecurity.load(configuration.environment.curve, upstreams: [:]), logger: logger)
        do {
            var builder = StreamServiceBuilder(name: IngestConfiguration.service, transport: transport, logger: logger)
            let head = CommittedHead()
            try await builder.own(
                stream: KechuangStream.ingest, publish: (.ingestPublish, configuration.publishEndpoint),
                sync: (.ingestSync, configuration.syncEndpoint), log: store.logReader, head: head,
                heartbeatInterval: configuration.heartbeatInterval)
            var handler = IngestRequestHandler(
                logic: IngestLogic(catalog: catalog, maxDocumentBytes: configuration.maxDocumentBytes), store: store,
                committed: { head.advance(to: $0, committing: $1) }, logger: logger, startedAt: .now,
                currentYear: { IngestLogic.currentYear() })
            handler.conversion = ReportConversion(
                converter: DocumentConverter(
                    executable: DocumentConverter.currentExecutable(),
                    limits: ConversionLimits(
                        timeout: configuration.conversionTimeout, maxPDFPages: configuration.maxPDFPages,
                        maxTextBytes: configuration.maxDocumentBytes)),
                maxBytes: configuration.maxDocumentBytes)
            // 64 submissions at once share group commits.
            try await builder.serve(
                (.ingestRequest, configuration.requestEndpoint),
                limits: RequestLimits(maxRequestBytes: configuration.requestMessageLimit),
                maxConcurrent: 64, handler: handler)
            return builder.build(readyTimeout: .zero, environment: configuration.environment)
        } catch {
            await transport.shutdown()
            throw error
        }
    }
}
