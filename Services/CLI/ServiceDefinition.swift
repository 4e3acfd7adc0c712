import ServiceKit

/// One service the supervisor manages: its executable, the endpoints it binds and how to ask its status.
///
/// The table ``ServiceDefinition/all`` is the only place that lists services: scoring and notify plug in by adding
/// a row (and a ``StatusProbe`` case), nothing else changes shape.
struct ServiceDefinition: Sendable, Hashable {
    /// How `kechuang status` asks a service how it is doing.
    enum StatusProbe: String, Sendable, Hashable {
        /// `IngestStatusRequest` on `ingest.req`.
        case ingest
        /// `MetricsStatusRequest` on `metrics.req`.
        case metrics
        /// `ScoringStatusRequest` on `scoring.req`.
        case scoring
        /// `NotifyStatusRequest` on `notify.req`.
        case notify
        /// `WebStatusRequest` on `web.req`.
        case web
    }

    /// Short name, e.g. `ingest` (log file `<home>/logs/<name>.log`).
    let name: String
    /// Chinese name for status lines.
    let nameZh: String
    /// Executable file name, found next to `kechuang` (or in `KECHUANG_BIN_DIR`).
    let executable: String
    /// Endpoints the service binds.
    let endpoints: [EndpointName]
    /// The endpoint answering its status request.
    let statusEndpoint: EndpointName
    /// The status request to send.
    let probe: StatusProbe

    /// Ingest: documents in, ordered events out.
    static let ingest = ServiceDefinition(
        name: "ingest", nameZh: "采集", executable: "kechuang-ingest",
        endpoints: [.ingestRequest, .ingestPublish, .ingestSync], statusEndpoint: .ingestRequest, probe: .ingest)

    /// Metrics: follows ingest and scoring, publishes indicator values.
    static let metrics = ServiceDefinition(
        name: "metrics", nameZh: "指标", executable: "kechuang-metrics",
        endpoints: [.metricsRequest, .metricsPublish, .metricsSync], statusEndpoint: .metricsRequest, probe: .metrics)

    /// Scoring: follows ingest, publishes scores, grades and high-tech assessments.
    static let scoring = ServiceDefinition(
        name: "scoring", nameZh: "积分", executable: "kechuang-scoring",
        endpoints: [.scoringRequest, .scoringPublish, .scoringSync], statusEndpoint: .scoringRequest, probe: .scoring)

    /// Notify: follows metrics and scoring, delivers notifications (started last: it follows both).
    static let notify = ServiceDefinition(
        name: "notify", nameZh: "通知", executable: "kechuang-notify",
        endpoints: [.notifyRequest], statusEndpoint: .notifyRequest, probe: .notify)

    /// Web: follows metrics and scoring read-only, serves the browser front (started last: it follows both and asks
    /// scoring for lookups).
    static let web = ServiceDefinition(
        name: "web", nameZh: "网页", executable: "kechuang-web",
        endpoints: [.webRequest], statusEndpoint: .webRequest, probe: .web)

    /// Every service in start order (stopped in reverse). Followers come after the streams they follow: scoring
    /// follows ingest, metrics follows both (it starts and becomes ready without scoring too, after its ready
    /// timeout, but in this order it never has to wait for it); notify follows metrics and scoring; web, which
    /// follows the same two and only reads, comes last.
    static let all: [ServiceDefinition] = [ingest, scoring, metrics, notify, web]

    /// The definition called `name`.
    static func named(_ name: String) -> ServiceDefinition? {
        all.first { $0.name == name }
    }
}
