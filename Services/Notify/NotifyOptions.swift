import ArgumentParser
import ServiceKit

/// Command-line flags of `kechuang-notify` (every one also settable by environment variable; flags win).
public struct NotifyOptions: ParsableArguments, Sendable {
    /// Home, run and data directories, log level and format.
    @OptionGroup public var common: CommonOptions

    /// `--metrics-pub`: the metrics stream's PUB endpoint to follow.
    @Option(name: .customLong("metrics-pub"), help: "Metrics stream to follow (env KECHUANG_ENDPOINT_METRICS_PUB; default ipc://<run dir>/metrics.pub).")
    public var metricsPublish: String?
    /// `--metrics-sync`: the metrics stream's sync endpoint (replay).
    @Option(name: .customLong("metrics-sync"), help: "Metrics replay endpoint (env KECHUANG_ENDPOINT_METRICS_SYNC; default ipc://<run dir>/metrics.sync).")
    public var metricsSync: String?
    /// `--scoring-pub`: the scoring stream's PUB endpoint to follow.
    @Option(name: .customLong("scoring-pub"), help: "Scoring stream to follow (env KECHUANG_ENDPOINT_SCORING_PUB; default ipc://<run dir>/scoring.pub).")
    public var scoringPublish: String?
    /// `--scoring-sync`: the scoring stream's sync endpoint (replay).
    @Option(name: .customLong("scoring-sync"), help: "Scoring replay endpoint (env KECHUANG_ENDPOINT_SCORING_SYNC; default ipc://<run dir>/scoring.sync).")
    public var scoringSync: String?
    /// `--notify-req`: status, silences, notifications and retry.
    @Option(name: .customLong("notify-req"), help: "Request ROUTER endpoint to bind (env KECHUANG_ENDPOINT_NOTIFY_REQ; default ipc://<run dir>/notify.req).")
    public var notifyRequest: String?
    /// `--database`: the SQLite file.
    @Option(name: .customLong("database"), help: "Database file (env KECHUANG_NOTIFY_DATABASE; default <data dir>/notify.sqlite).")
    public var database: String?
    /// `--rules`: the rules file.
    @Option(name: .customLong("rules"), help: "Rules file, YAML (env KECHUANG_NOTIFY_RULES; default notify-rules.yaml next to the executable, else compose/config/notify-rules.yaml of the source tree).")
    public var rules: String?
    /// `--outbox-dir`: where relative file-receiver paths are resolved.
    @Option(name: .customLong("outbox-dir"), help: "Folder of relative file-receiver paths (env KECHUANG_NOTIFY_OUTBOX_DIR; default the data dir).")
    public var outboxDirectory: String?
    /// `--flush-ms`: how often waiting groups are checked.
    @Option(name: .customLong("flush-ms"), help: "Check waiting groups every this many milliseconds (env KECHUANG_NOTIFY_FLUSH_MS; default 250).")
    public var flushMilliseconds: String?
    /// `--retry-initial-ms`: first retry delay of a failed delivery.
    @Option(name: .customLong("retry-initial-ms"), help: "First retry delay of a failed delivery in milliseconds, doubled per failure with jitter (env KECHUANG_NOTIFY_RETRY_INITIAL_MS; default 1000).")
    public var retryInitialMilliseconds: String?
    /// `--retry-max-ms`: longest retry delay.
    @Option(name: .customLong("retry-max-ms"), help: "Longest retry delay in milliseconds (env KECHUANG_NOTIFY_RETRY_MAX_MS; default 300000).")
    public var retryMaximumMilliseconds: String?
    /// `--ready-timeout-ms`: longest wait, per followed stream, before announcing readiness anyway.
    @Option(name: .customLong("ready-timeout-ms"), help: "Announce readiness after this many milliseconds per followed stream even if metrics or scoring is unreachable (env KECHUANG_NOTIFY_READY_TIMEOUT_MS; default 5000).")
    public var readyTimeoutMilliseconds: String?
    /// `--request-timeout-ms`: timeout of one replay request.
    @Option(name: .customLong("request-timeout-ms"), help: "Timeout of one replay request to metrics or scoring in milliseconds (env KECHUANG_NOTIFY_REQUEST_TIMEOUT_MS; default 2000).")
    public var requestTimeoutMilliseconds: String?

    /// Required by ArgumentParser.
    public init() {}
}
