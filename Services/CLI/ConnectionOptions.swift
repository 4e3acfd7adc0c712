import ArgumentParser
import Foundation
import ServiceKit
import Streams
import ZeroMQ

/// Flags shared by every command that talks to the services: directories (via ``CommonOptions``), endpoint
/// overrides and the request timeout. Precedence: flag > environment (`KECHUANG_ENDPOINT_*`) > `ipc://<run dir>/<name>`.
struct ConnectionOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("ingest-req"), help: "Ingest request endpoint (env KECHUANG_ENDPOINT_INGEST_REQ; default ipc://<run dir>/ingest.req).")
    var ingestRequest: String?

    @Option(name: .customLong("metrics-pub"), help: "Metric update stream endpoint (env KECHUANG_ENDPOINT_METRICS_PUB).")
    var metricsPublish: String?

    @Option(name: .customLong("metrics-sync"), help: "Metrics snapshot/replay endpoint (env KECHUANG_ENDPOINT_METRICS_SYNC).")
    var metricsSync: String?

    @Option(name: .customLong("metrics-req"), help: "Metrics request endpoint (env KECHUANG_ENDPOINT_METRICS_REQ).")
    var metricsRequest: String?

    @Option(name: .customLong("scoring-req"), help: "Scoring request endpoint (env KECHUANG_ENDPOINT_SCORING_REQ).")
    var scoringRequest: String?

    @Option(name: .customLong("notify-req"), help: "Notify request endpoint (env KECHUANG_ENDPOINT_NOTIFY_REQ).")
    var notifyRequest: String?

    @Option(name: .customLong("request-timeout"), help: "Seconds to wait for each reply (default 30).")
    var requestTimeout: Double = 30

    /// Resolves directories and endpoints against `environment`.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResolvedConnection {
        let resolver = ConfigResolver(environment: environment)
        let directories = try KechuangDirectories.resolve(
            home: common.home, runDirectory: common.runDirectory, dataDirectory: common.dataDirectory, resolver: resolver)
        let flags: [EndpointName: String?] = [
            .ingestRequest: ingestRequest, .metricsPublish: metricsPublish, .metricsSync: metricsSync,
            .metricsRequest: metricsRequest, .scoringRequest: scoringRequest, .notifyRequest: notifyRequest,
        ]
        var endpoints: [EndpointName: String] = [:]
        for name in [EndpointName.ingestRequest, .ingestPublish, .ingestSync, .metricsRequest, .metricsPublish, .metricsSync,
                     .scoringRequest, .scoringPublish, .scoringSync, .notifyRequest] {
            endpoints[name] = try directories.resolveEndpoint(name, flag: flags[name] ?? nil, resolver: resolver).value
        }
        guard requestTimeout > 0 else {
            throw CLIError.invalidArgument(name: "--request-timeout", value: String(requestTimeout), expected: "a positive number of seconds")
        }
        let curve = try CurveSettings.resolve(common, resolver: resolver)
        let security = try TransportSecurity.load(curve, upstreams: endpoints, requireServerKeys: false)
        return ResolvedConnection(
            directories: directories, endpoints: endpoints, security: security,
            timeout: .milliseconds(Int64(requestTimeout * 1000)))
    }
}

/// Directories and endpoints after resolution.
struct ResolvedConnection: Sendable {
    /// Home, run and data directories.
    let directories: KechuangDirectories
    /// Endpoint URLs by name.
    let endpoints: [EndpointName: String]
    /// CURVE keys for `tcp://` endpoints (`ipc://` endpoints need none).
    let security: TransportSecurity
    /// Per-request timeout.
    let timeout: Duration

    /// The URL of `name` (falls back to the default ipc path).
    func endpoint(_ name: EndpointName) -> String {
        endpoints[name] ?? ("ipc://" + (directories.runDirectory.value as NSString).appendingPathComponent(name.rawValue))
    }
}
