import ArgumentParser
import ServiceKit

/// Command-line flags of `kechuang-metrics` (every one also settable by environment variable; flags win).
public struct MetricsOptions: ParsableArguments, Sendable {
    /// Home, run and data directories, log level and format.
    @OptionGroup public var common: CommonOptions

    /// `--ingest-pub`: the ingest stream's PUB endpoint to follow.
    @Option(name: .customLong("ingest-pub"), help: "Ingest event stream to follow (env KECHUANG_ENDPOINT_INGEST_PUB; default ipc://<run dir>/ingest.pub).")
    public var ingestPublish: String?
    /// `--ingest-sync`: the ingest stream's sync endpoint (replay).
    @Option(name: .customLong("ingest-sync"), help: "Ingest replay endpoint (env KECHUANG_ENDPOINT_INGEST_SYNC; default ipc://<run dir>/ingest.sync).")
    public var ingestSync: String?
    /// `--scoring-pub`: the scoring stream's PUB endpoint to follow.
    @Option(name: .customLong("scoring-pub"), help: "Scoring stream to follow (env KECHUANG_ENDPOINT_SCORING_PUB; default ipc://<run dir>/scoring.pub).")
    public var scoringPublish: String?
    /// `--scoring-sync`: the scoring stream's sync endpoint (replay).
    @Option(name: .customLong("scoring-sync"), help: "Scoring replay endpoint (env KECHUANG_ENDPOINT_SCORING_SYNC; default ipc://<run dir>/scoring.sync).")
    public var scoringSync: String?
    /// `--metrics-pub`: where metric updates are published.
    @Option(name: .customLong("metrics-pub"), help: "Metric update PUB endpoint to bind (env KECHUANG_ENDPOINT_METRICS_PUB; default ipc://<run dir>/metrics.pub).")
    public var metricsPublish: String?
    /// `--metrics-sync`: snapshot / replay / history / status ROUTER.
    @Option(name: .customLong("metrics-sync"), help: "Snapshot/replay/history ROUTER endpoint to bind (env KECHUANG_ENDPOINT_METRICS_SYNC; default ipc://<run dir>/metrics.sync).")
    public var metricsSync: String?
    /// `--metrics-req`: status ROUTER.
    @Option(name: .customLong("metrics-req"), help: "Status ROUTER endpoint to bind (env KECHUANG_ENDPOINT_METRICS_REQ; default ipc://<run dir>/metrics.req).")
    public var metricsRequest: String?
    /// `--database`: the SQLite file.
    @Option(name: .customLong("database"), help: "Database file (env KECHUANG_METRICS_DATABASE; default <data dir>/metrics.sqlite).")
    public var database: String?
    /// `--retention-days`: metric updates kept for replay and history at least this many days.
    @Option(name: .customLong("retention-days"), help: "Keep metric updates at least this many days (env KECHUANG_METRICS_RETENTION_DAYS; default 7).")
    public var retentionDays: String?
    /// `--retention-count`: … or at least this many updates.
    @Option(name: .customLong("retention-count"), help: "Keep at least this many recent metric updates (env KECHUANG_METRICS_RETENTION_COUNT; default 1000000).")
    public var retentionCount: String?
    /// `--catalog`: a catalog override file merged over the bundled catalog.
    @Option(name: .customLong("catalog"), help: "Catalog override JSON merged over the bundled catalog (env KECHUANG_CATALOG; default none).")
    public var catalog: String?
    /// `--heartbeat-ms`: metrics stream heartbeat interval.
    @Option(name: .customLong("heartbeat-ms"), help: "Heartbeat interval in milliseconds (env KECHUANG_METRICS_HEARTBEAT_MS; default 1000).")
    public var heartbeatMilliseconds: String?
    /// `--ready-timeout-ms`: longest wait, per followed stream, for catching up before announcing readiness anyway.
    @Option(name: .customLong("ready-timeout-ms"), help: "Announce readiness after this many milliseconds per followed stream even if ingest or scoring is unreachable (env KECHUANG_METRICS_READY_TIMEOUT_MS; default 5000).")
    public var readyTimeoutMilliseconds: String?
    /// `--request-timeout-ms`: timeout of one replay request to ingest or scoring.
    @Option(name: .customLong("request-timeout-ms"), help: "Timeout of one replay request to ingest or scoring in milliseconds (env KECHUANG_METRICS_REQUEST_TIMEOUT_MS; default 2000).")
    public var requestTimeoutMilliseconds: String?

    /// Required by ArgumentParser.
    public init() {}
}
