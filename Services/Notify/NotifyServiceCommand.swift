import ArgumentParser
import ServiceKit
import Streams

/// `kechuang-notify`: follows the metrics and scoring streams, fires the rules of its rules file, and delivers
/// notifications to files, webhooks, DingTalk and WeCom robots.
struct NotifyServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kechuang-notify",
        abstract: "科创 通知服务 — rules on metric and scoring changes, routed to file, webhook, 钉钉 and 企业微信 receivers.")

    @OptionGroup var options: NotifyOptions

    func run() async throws {
        let resolver = ConfigResolver()
        let configuration = try NotifyConfiguration.resolve(options: options, resolver: resolver)
        let logger = try configuration.environment.start(resolver: resolver)
        do {
            let assembled = try await NotifyAssembly.build(configuration: configuration, logger: logger)
            try await assembled.service.run()
            try? assembled.store.database.close()
            logger.info("stopped")
        } catch {
            logger.critical("notify service failed", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }
}
