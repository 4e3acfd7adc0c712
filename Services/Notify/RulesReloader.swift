import Dispatch
import Foundation
import Logging
import NotifyRules
import ServiceLifecycle

/// Reloads the rules file on SIGHUP without losing in-flight work: a valid file replaces the rules and receivers
/// (waiting groups and pending deliveries stay); an invalid one is refused, the old rules stay, and a log line says
/// why (every problem with its line).
final class RulesReloader: Service, Sendable {
    private let path: String
    private let engine: SharedNotifyEngine
    private let receivers: ReceiverSet
    private let dispatcher: DeliveryDispatcher
    private let logger: Logger

    init(path: String, engine: SharedNotifyEngine, receivers: ReceiverSet, dispatcher: DeliveryDispatcher, logger: Logger) {
        self.path = path
        self.engine = engine
        self.receivers = receivers
        self.dispatcher = dispatcher
        self.logger = logger
    }

    /// Loads the file again; `true` when the new rules are in force.
    @discardableResult
    func reload() async -> Bool {
        let path = path
        let loaded: Result<RulesFile, RuleErrors>
        do {
            loaded = try await BlockingIO.run { () -> Result<RulesFile, RuleErrors> in
                do throws(RuleErrors) { return .success(try RulesLoader.load(path: path)) } catch { return .failure(error) }
            }
        } catch {
            loaded = .failure(RuleErrors([RuleError(file: path, line: 1, location: "", reason: "\(error)")]))
        }
        switch loaded {
        case .success(let rules):
            engine.mutate { $0.replaceRules(rules) }
            receivers.replace(with: rules.receivers)
            dispatcher.wake()
            logger.notice(
                "rules reloaded", metadata: ["file": "\(path)", "rules": "\(rules.rules.count)",
                                             "receivers": "\(rules.receivers.keys.sorted().joined(separator: ","))"])
            return true
        case .failure(let errors):
            logger.error(
                "rules file refused; the previous rules stay in force",
                metadata: ["file": "\(path)", "problems": "\(errors.errors.count)", "reason": "\(errors.description)"])
            return false
        }
    }

    func run() async throws {
        let (signals, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "kechuang.notify.sighup"))
        source.setEventHandler { continuation.yield() }
        source.resume()
        defer {
            source.cancel()
            continuation.finish()
        }
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                self.logger.info("SIGHUP: reloading rules", metadata: ["file": "\(self.path)"])
                await self.reload()
            }
        }
    }
}
