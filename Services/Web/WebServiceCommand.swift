import ArgumentParser
import ServiceKit
import Streams

/// `kechuang-web`: 一屏通览 and 一键可查 in a browser — follows the metrics and scoring streams, serves pages, a
/// JSON API and live updates over Server-Sent Events.
struct WebServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kechuang-web",
        abstract: "科创 网页 — 一屏通览 overview, 一键可查 lookup, rankings and a JSON API, live over Server-Sent Events.")

    @OptionGroup var options: WebOptions

    func run() async throws {
        let resolver = ConfigResolver()
        let configuration = try WebConfiguration.resolve(options: options, resolver: resolver)
        let logger = try configuration.environment.start(resolver: resolver)
        do {
            let assembled = try await WebAssembly.build(configuration: configuration, logger: logger)
            try await assembled.service.run()
            logger.info("stopped")
        } catch {
            logger.critical("web service failed", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }
}
