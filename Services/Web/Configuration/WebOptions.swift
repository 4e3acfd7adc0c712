import ArgumentParser
import ServiceKit

/// Command-line flags of `kechuang-web` (every one also settable by environment variable; flags win).
public struct WebOptions: ParsableArguments, Sendable {
    /// Home, run and data directories, log level and format.
    @OptionGroup public var common: CommonOptions

    /// `--metrics-pub`: the metrics stream's PUB endpoint to follow.
    @Option(name: .customLong("metrics-pub"), help: "Metrics stream to follow (env KECHUANG_ENDPOINT_METRICS_PUB; default ipc://<run dir>/metrics.pub).")
    public var metricsPublish: String?
    /// `--metrics-sync`: the metrics stream's sync endpoint (snapshot, replay, history).
    @Option(name: .customLong("metrics-sync"), help: "Metrics snapshot/replay/history endpoint (env KECHUANG_ENDPOINT_METRICS_SYNC; default ipc://<run dir>/metrics.sync).")
    public var metricsSync: String?
    /// `--scoring-pub`: the scoring stream's PUB endpoint to follow.
    @Option(name: .customLong("scoring-pub"), help: "Scoring stream to follow (env KECHUANG_ENDPOINT_SCORING_PUB; default ipc://<run dir>/scoring.pub).")
    public var scoringPublish: String?
    /// `--scoring-sync`: the scoring stream's sync endpoint (snapshot, replay).
    @Option(name: .customLong("scoring-sync"), help: "Scoring snapshot/replay endpoint (env KECHUANG_ENDPOINT_SCORING_SYNC; default ipc://<run dir>/scoring.sync).")
    public var scoringSync: String?
    /// `--scoring-req`: subject lookups and rankings.
    @Option(name: .customLong("scoring-req"), help: "Scoring request endpoint for subject lookups and rankings (env KECHUANG_ENDPOINT_SCORING_REQ; default ipc://<run dir>/scoring.req).")
    public var scoringRequest: String?
    /// `--web-req`: the status endpoint to bind.
    @Option(name: .customLong("web-req"), help: "Status ROUTER endpoint to bind (env KECHUANG_ENDPOINT_WEB_REQ; default ipc://<run dir>/web.req).")
    public var webRequest: String?
    /// `--host`: the HTTP bind address.
    @Option(name: .customLong("host"), help: "HTTP bind address (env KECHUANG_WEB_HOST; default 127.0.0.1). Any other address needs --allow-remote and --token-file.")
    public var host: String?
    /// `--port`: the HTTP port.
    @Option(name: .customLong("port"), help: "HTTP port (env KECHUANG_WEB_PORT; default 8480).")
    public var port: String?
    /// `--allow-remote`: permits a bind address other than loopback.
    @Flag(name: .customLong("allow-remote"), help: "Allow a --host other than 127.0.0.1/::1/localhost (env KECHUANG_WEB_ALLOW_REMOTE; default false); requires --token-file.")
    public var allowRemote: Bool = false
    /// `--token-file`: file holding the bearer token every request must carry.
    @Option(name: .customLong("token-file"), help: "File whose first line is the bearer token every request must carry (env KECHUANG_WEB_TOKEN_FILE; required with --allow-remote, optional otherwise).")
    public var tokenFile: String?
    /// `--create-token`: writes a fresh random token to `--token-file` when that file does not exist yet.
    @Flag(name: .customLong("create-token"), help: "Create --token-file with a random token (mode 0600) when it does not exist yet; an existing file is used as is (env KECHUANG_WEB_CREATE_TOKEN; default false).")
    public var createToken: Bool = false
    /// `--max-live-clients`: Server-Sent Events clients served at once.
    @Option(name: .customLong("max-live-clients"), help: "Server-Sent Events clients at once; more get 503 (env KECHUANG_WEB_MAX_LIVE_CLIENTS; default 64).")
    public var maxLiveClients: String?
    /// `--live-buffer`: events queued per live client before it is dropped as too slow.
    @Option(name: .customLong("live-buffer"), help: "Events queued per live client before it is dropped as too slow (env KECHUANG_WEB_LIVE_BUFFER; default 256).")
    public var liveBuffer: String?
    /// `--ready-timeout-ms`: longest wait, per followed stream, before announcing readiness anyway.
    @Option(name: .customLong("ready-timeout-ms"), help: "Announce readiness after this many milliseconds per followed stream even if metrics or scoring is unreachable (env KECHUANG_WEB_READY_TIMEOUT_MS; default 5000).")
    public var readyTimeoutMilliseconds: String?
    /// `--request-timeout-ms`: timeout of one request to metrics or scoring.
    @Option(name: .customLong("request-timeout-ms"), help: "Timeout of one snapshot/replay/lookup request to metrics or scoring in milliseconds (env KECHUANG_WEB_REQUEST_TIMEOUT_MS; default 2000).")
    public var requestTimeoutMilliseconds: String?

    /// Required by ArgumentParser.
    public init() {}
}
