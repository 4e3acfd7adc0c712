import ArgumentParser
import ServiceKit
import Streams

/// `kechuang-scoring`: follows the ingest stream, scores every subject under every scheme file, assesses
/// enterprises for high-tech certification, and publishes the scoring stream.
struct ScoringServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kechuang-scoring",
        abstract: "科创 积分与格次服务 — innovation points, grades and 高企 assessment; publishes score.<kind>.<id>.<scheme>.")

    @OptionGroup var options: ScoringOptions

    func run() async throws {
        let resolver = ConfigResolver()
        let configuration = try ScoringConfiguration.resolve(options: options, resolver: resolver)
        let logger = try configuration.environment.start(resolver: resolver)
        do {
            let assembled = try await ScoringAssembly.build(configuration: configuration, logger: logger)
            try await assembled.service.run()
            try? assembled.store.database.close()
            logger.info("stopped")
        } catch {
            logger.critical("scoring service failed", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }
}
