import Contracts

/// The questions the web front asks other services (the scoring service's `scoring.req`, the metrics service's
/// `metrics.sync`). A protocol so handler tests can answer them without ZeroMQ.
public protocol WebBackend: Sendable {
    /// 一键可查: the subject matching `query` (credit code, id or name fragment), with scores, breakdowns,
    /// high-tech assessment and history.
    func subject(query: String) async throws(WebError) -> SubjectReply
    /// The current ranking of a scheme or subject kind, optionally one cohort.
    func ranking(_ request: RankingRequest) async throws(WebError) -> RankingReply
    /// The kept updates of `indicator`, oldest first (at most `limit`, the newest).
    func history(indicator: String, limit: Int) async throws(WebError) -> MetricHistory
}
