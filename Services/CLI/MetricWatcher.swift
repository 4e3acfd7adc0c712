import Contracts
import Foundation
import Logging
import Messaging
import ServiceKit
import Streams
import Synchronization
import ZeroMQ

/// Follows the metric update stream without missing anything, on the shared follower mechanism
/// (``StreamFollowerService``): subscribe to `metric.` and the metrics heartbeat first, then load a snapshot of
/// the prefix (or replay after `--from-seq`), apply the rest strictly in order, and replay whenever a gap or a
/// silent tail shows up. This type only adds the CLI's concerns: prefix filtering, the stop condition and giving up
/// when the metrics service never answers.
struct MetricWatcher: Sendable {
    /// Endpoints of the metrics service.
    let publishEndpoint: String
    /// Snapshot/replay endpoint.
    let syncEndpoint: String
    /// Only updates whose topic starts with this are reported (`metric.` for all).
    let topicPrefix: String
    /// Start after this sequence by replay instead of a snapshot.
    let fromSequence: UInt64?
    /// Per-request timeout.
    let requestTimeout: Duration
    /// CURVE keys for `tcp://` endpoints.
    var security = TransportSecurity()
    /// Failed requests before the first catch-up after which the watch gives up (metrics unreachable).
    var maxFailuresBeforeCaughtUp = 3

    /// The topic prefix for a user's PREFIX argument: `loan` and `metric.loan` both mean `metric.loan`.
    static func topicPrefix(for argument: String?) -> String {
        guard let argument, !argument.isEmpty else { return "metric." }
        if argument == "metric" || argument.hasPrefix("metric.") { return argument }
        return "metric." + argument
    }

    /// The follower settings: the whole metrics stream is followed (sequences must be contiguous); the prefix only
    /// narrows the snapshot and what is reported.
    var configuration: StreamFollowerConfiguration {
        StreamFollowerConfiguration(
            stream: KechuangStream.metrics, publishEndpoint: publishEndpoint, syncEndpoint: syncEndpoint,
            prefixes: [Topic.family("metric")], source: "kechuang-cli",
            start: fromSequence == nil ? .snapshot(prefix: topicPrefix) : .replay, requestTimeout: requestTimeout)
    }

    /// Runs until `emit` returns `false`, `deadline` passes, or the task is cancelled.
    /// `emit(sequence, update, fromSnapshot)` is called for every matching update in stream order.
    /// `onCaughtUp` is called once, when the snapshot (or replay) has been applied and live updates follow.
    /// - Throws: ``CLIError/serviceUnavailable(service:endpoint:reason:)`` when the metrics service does not answer
    ///   before the first catch-up, or the follower's own error.
    func run(
        until deadline: ContinuousClock.Instant?,
        onCaughtUp: @escaping @Sendable () -> Void = {},
        emit: @escaping @Sendable (UInt64, MetricUpdate, Bool) -> Bool
    ) async throws {
        let finished = AsyncSignal()
        let stopped = Mutex(false)
        let prefix = topicPrefix
        /// Emits one update unless stopped; returns whether to go on.
        let report: @Sendable (UInt64, MetricUpdate, Bool) -> Void = { sequence, update, fromSnapshot in
            guard update.topic.rawValue.hasPrefix(prefix), !stopped.withLock({ $0 }) else { return }
            if !emit(sequence, update, fromSnapshot) {
                stopped.withLock { $0 = true }
                finished.fire()
            }
        }
        let logger = Logger(label: "kechuang.cli.watch") { label in
            StructuredLogHandler(label: label, service: "watch", level: .error, format: .logfmt, sink: StandardErrorSink.shared)
        }
        let transport: ZMQStreamTransport
        do {
            transport = try ZMQStreamTransport(
                name: "kechuang.cli.watch", shutdownLinger: .zero, security: security, logger: logger)
        } catch {
            throw CLIError.serviceUnavailable(service: "metrics", endpoint: publishEndpoint, reason: "\(error)")
        }
        let follower = StreamFollowerService(
            configuration: configuration, transport: transport, lastApplied: fromSequence ?? 0, logger: logger,
            loadSnapshot: { entries, _ in
                for envelope in entries where envelope.carries(MetricUpdate.self) {
                    report(envelope.sequence ?? 0, try envelope.decode(MetricUpdate.self), true)
                }
            },
            apply: { envelopes in
                for envelope in envelopes where envelope.carries(MetricUpdate.self) {
                    guard let update = try? envelope.decode(MetricUpdate.self) else { continue }
                    report(envelope.sequence ?? 0, update, false)
                }
            })
        // Both helpers are child tasks: `run` returns only after they have ended, and cancelling `run` ends them.
        let outcome = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                defer { finished.fire() }
                do {
                    try await follower.run()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                // Readiness: report the first catch-up, or give up when the owner never answers.
                while !finished.hasFired, !Task.isCancelled {
                    if await follower.waitUntilCaughtUp(timeout: requestTimeout) {
                        onCaughtUp()
                        return nil
                    }
                    if follower.progress.failures >= maxFailuresBeforeCaughtUp {
                        // Never caught up and the owner keeps failing to answer: give up like a request would.
                        finished.fire()
                        return nil
                    }
                }
                return nil
            }
            if let deadline {
                _ = await finished.wait(timeout: ContinuousClock.now.duration(to: deadline))
            } else {
                _ = await finished.wait()
            }
            group.cancelAll()
            var outcome: Result<Void, any Error> = .success(())
            for await result in group {
                if let result { outcome = result }
            }
            return outcome
        }
        await transport.shutdown()
        if !follower.hasCaughtUp, follower.progress.failures >= maxFailuresBeforeCaughtUp {
            throw CLIError.serviceUnavailable(
                service: "metrics", endpoint: syncEndpoint,
                reason: "no answer to \(follower.progress.failures) snapshot/replay requests")
        }
        if case let .failure(error) = outcome, !(error is CancellationError), !stopped.withLock({ $0 }) {
            throw error
        }
    }
}
