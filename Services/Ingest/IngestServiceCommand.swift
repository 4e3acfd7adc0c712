import ArgumentParser
import Logging
import ServiceKit
import Streams

/// `kechuang-ingest`: documents in, durable ordered events out.
struct IngestServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kechuang-ingest",
        abstract: "Kechuang ingest service (科创数据接入): stores documents, extracts facts, publishes ordered events.")

    @OptionGroup var options: IngestOptions

    func run() async throws {
        let resolver = ConfigResolver()
        let configuration = try IngestConfiguration.resolve(options, resolver: resolver)
        let logger = LoggingBootstrap.bootstrap(
            service: IngestConfiguration.service, level: configuration.environment.logLevel.value,
            format: configuration.environment.logFormat.value)
        logger.info("starting", metadata: resolver.startupMetadata)
        let service = try await IngestAssembly.build(configuration: configuration, logger: logger)
        try await service.run()
        logger.info("stopped")
    }
}
