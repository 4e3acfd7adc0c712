import ArgumentParser
import ServiceKit
import Streams

/// `kechuang-metrics`: follows the ingest stream, keeps the bureau's indicator values (reported and computed)
/// and publishes every change as a metric update.
struct MetricsServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kechuang-metrics",
        abstract: "科创 指标服务 — follows ingest events, keeps indicator values, publishes metric.<indicator> updates.")

    @OptionGroup var options: MetricsOptions

    func run() async throws {
        let resolver = ConfigResolver()
        let configuration = try MetricsConfiguration.resolve(options: options, resolver: resolver)
        let logger = try configuration.environment.start(resolver: resolver)
        do {
            let assembled = try await MetricsAssembly.build(configuration: configuration, logger: logger)
            try await assembled.service.run()
            try? assembled.store.database.close()
            logger.info("stopped")
        } catch {
            logger.critical("metrics service failed", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }
}
