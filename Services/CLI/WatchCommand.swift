import ArgumentParser
import Contracts
import Domain
import Foundation
import ServiceKit
import Synchronization

/// `kechuang watch [PREFIX]`: live metric updates, one line each, starting from a snapshot so nothing is missed.
struct WatchCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow live metric updates (实时指标).",
        discussion: """
            Starts from a snapshot of the current values (lines starting with `=`), then prints every update \
            (lines starting with `#` and the metrics-stream sequence). Once caught up it writes one readiness line \
            ({"event":"ready","service":"watch",…}) on stderr. PREFIX selects an indicator family, e.g. \
            `loan` or `metric.loan`. With --from-seq N it replays the updates after N instead of loading a snapshot.
            """)

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "Indicator prefix, e.g. loan, fund, metric.hightech (default: everything).")
    var prefix: String?

    @Option(name: .customLong("from-seq"), help: "Replay the updates after this metrics-stream sequence instead of loading a snapshot.")
    var fromSequence: UInt64?

    @Option(help: "Output format: table (one readable line per update) or json (one object per line).")
    var format: OutputFormat = .table

    @Option(help: "Exit after this many updates (snapshot entries included).")
    var count: Int?

    @Option(help: "Exit after this many seconds.")
    var timeout: Double?

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        let resolved = try connection.resolve()
        let formatter = MetricFormatter(catalog: try Catalog.bundled())
        let watcher = MetricWatcher(
            publishEndpoint: resolved.endpoint(.metricsPublish), syncEndpoint: resolved.endpoint(.metricsSync),
            topicPrefix: MetricWatcher.topicPrefix(for: prefix), fromSequence: fromSequence,
            requestTimeout: resolved.timeout, security: resolved.security)
        let deadline = timeout.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
        let printed = Mutex(0)
        let limit = count
        let format = format
        let endpoints = [
            EndpointName.metricsPublish.rawValue: watcher.publishEndpoint, EndpointName.metricsSync.rawValue: watcher.syncEndpoint,
        ]
        let announce: @Sendable () -> Void = {
            // Caught up: say so on stderr with the readiness protocol, so scripts and tests can wait for it.
            StandardErrorSink.shared.write(line: ReadinessLine(service: "watch", endpoints: endpoints).render())
        }
        try await watcher.run(until: deadline, onCaughtUp: announce) { sequence, update, fromSnapshot in
            let line = format == .json
                ? formatter.jsonLine(sequence: sequence, update: update, fromSnapshot: fromSnapshot)
                : formatter.line(sequence: sequence, update: update, fromSnapshot: fromSnapshot)
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
            let total = printed.withLock { count -> Int in
                count += 1
                return count
            }
            return limit.map { total < $0 } ?? true
        }
    }
}
