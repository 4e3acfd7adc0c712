import ArgumentParser
import ServiceKit

/// Command-line flags of `kechuang-scoring` (every one also settable by environment variable; flags win).
public struct ScoringOptions: ParsableArguments, Sendable {
    /// Home, run and data directories, log level and format.
    @OptionGroup public var common: CommonOptions

    /// `--ingest-pub`: the ingest stream's PUB endpoint to follow.
    @Option(name: .customLong("ingest-pub"), help: "Ingest event stream to follow (env KECHUANG_ENDPOINT_INGEST_PUB; default ipc://<run dir>/ingest.pub).")
    public var ingestPublish: String?
    /// `--ingest-sync`: the ingest stream's sync endpoint (replay).
    @Option(name: .customLong("ingest-sync"), help: "Ingest replay endpoint (env KECHUANG_ENDPOINT_INGEST_SYNC; default ipc://<run dir>/ingest.sync).")
    public var ingestSync: String?
    /// `--scoring-pub`: where the scoring stream is published.
    @Option(name: .customLong("scoring-pub"), help: "Scoring stream PUB endpoint to bind (env KECHUANG_ENDPOINT_SCORING_PUB; default ipc://<run dir>/scoring.pub).")
    public var scoringPublish: String?
    /// `--scoring-sync`: snapshot / replay / history / queries ROUTER.
    @Option(name: .customLong("scoring-sync"), help: "Snapshot/replay/query ROUTER endpoint to bind (env KECHUANG_ENDPOINT_SCORING_SYNC; default ipc://<run dir>/scoring.sync).")
    public var scoringSync: String?
    /// `--scoring-req`: status and queries ROUTER.
    @Option(name: .customLong("scoring-req"), help: "Status/query ROUTER endpoint to bind (env KECHUANG_ENDPOINT_SCORING_REQ; default ipc://<run dir>/scoring.req).")
    public var scoringRequest: String?
    /// `--database`: the SQLite file.
    @Option(name: .customLong("database"), help: "Database file (env KECHUANG_SCORING_DATABASE; default <data dir>/scoring.sqlite).")
    public var database: String?
    /// `--schemes`: the folder of scheme files.
    @Option(name: .customLong("schemes"), help: "Folder of scheme files *.yaml (env KECHUANG_SCORING_SCHEMES; default the schemes shipped next to the binary, or compose/config/schemes).")
    public var schemes: String?
    /// `--catalog`: a catalog override file merged over the bundled catalog.
    @Option(name: .customLong("catalog"), help: "Catalog override JSON merged over the bundled catalog (env KECHUANG_CATALOG; default none).")
    public var catalog: String?
    /// `--heartbeat-ms`: scoring stream heartbeat interval.
    @Option(name: .customLong("heartbeat-ms"), help: "Heartbeat interval in milliseconds (env KECHUANG_SCORING_HEARTBEAT_MS; default 1000).")
    public var heartbeatMilliseconds: String?
    /// `--ready-timeout-ms`: longest wait for catching up with ingest before announcing readiness anyway.
    @Option(name: .customLong("ready-timeout-ms"), help: "Announce readiness after this many milliseconds even if ingest is unreachable (env KECHUANG_SCORING_READY_TIMEOUT_MS; default 5000).")
    public var readyTimeoutMilliseconds: String?
    /// `--request-timeout-ms`: timeout of one replay request to ingest.
    @Option(name: .customLong("request-timeout-ms"), help: "Timeout of one replay request to ingest in milliseconds (env KECHUANG_SCORING_REQUEST_TIMEOUT_MS; default 2000).")
    public var requestTimeoutMilliseconds: String?

    /// `--settle-interval-s`: run a ranking round (settle) this often; 0 = only on request.
    @Option(name: .customLong("settle-interval-s"), help: "Settle (re-score every subject against its cohorts) every this many seconds; 0 = only on request (env KECHUANG_SCORING_SETTLE_INTERVAL_S; default 0).")
    public var settleIntervalSeconds: String?

    /// Required by ArgumentParser.
    public init() {}
}
