/// The file name of a default `ipc://` endpoint inside the run directory, e.g. `ingest.req`.
public struct EndpointName: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The socket file name.
    public let rawValue: String

    /// Wraps a socket file name (no slashes).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Ingest request/reply (ROUTER): submit, status, get.
    public static let ingestRequest = EndpointName(rawValue: "ingest.req")
    /// Ingest event stream (PUB).
    public static let ingestPublish = EndpointName(rawValue: "ingest.pub")
    /// Ingest stream sync (ROUTER): replay after N, heartbeats.
    public static let ingestSync = EndpointName(rawValue: "ingest.sync")
    /// Metrics request/reply (ROUTER): status.
    public static let metricsRequest = EndpointName(rawValue: "metrics.req")
    /// Metric update stream (PUB).
    public static let metricsPublish = EndpointName(rawValue: "metrics.pub")
    /// Metrics stream sync (ROUTER): snapshot, replay, history.
    public static let metricsSync = EndpointName(rawValue: "metrics.sync")
    /// Scoring request/reply (ROUTER): status, subject, ranking.
    public static let scoringRequest = EndpointName(rawValue: "scoring.req")
    /// Scoring stream (PUB): scores, grade changes, high-tech assessments.
    public static let scoringPublish = EndpointName(rawValue: "scoring.pub")
    /// Scoring stream sync (ROUTER): snapshot, replay, history, and the queries.
    public static let scoringSync = EndpointName(rawValue: "scoring.sync")

    /// Notify request/reply (ROUTER): status, silences, notifications, retry.
    public static let notifyRequest = EndpointName(rawValue: "notify.req")

    /// Web request/reply (ROUTER): status (the web front's HTTP address is announced as `web.http`).
    public static let webRequest = EndpointName(rawValue: "web.req")

    /// The environment variable that overrides this endpoint, e.g. `KECHUANG_ENDPOINT_INGEST_REQ`.
    public var environmentKey: String {
        "KECHUANG_ENDPOINT_" + rawValue.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// The socket file name.
    public var description: String { rawValue }
}
