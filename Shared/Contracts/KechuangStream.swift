/// The names of Kechuang's ordered streams. Each stream has one owner (the service that writes it), a PUB
/// socket for live messages and a ROUTER "sync" socket answering replay, snapshot and query requests.
public enum KechuangStream {
    /// Ingest events: documents stored, observations extracted, filings and program events recorded.
    /// Owner: `kechuang-ingest`.
    public static let ingest = "ingest"
    /// Metric updates: indicator values, reported and computed. Owner: `kechuang-metrics`.
    public static let metrics = "metrics"
    /// Scores, grades and high-tech assessments of innovation subjects. Owner: `kechuang-scoring`.
    public static let scoring = "scoring"
}
