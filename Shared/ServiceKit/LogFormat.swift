/// The structured log line format written to stderr.
public enum LogFormat: String, Sendable, CaseIterable, ConfigValueParsable {
    /// `ts=… level=info service=ingest logger=… msg="…" key=value …` (default; easy to read and grep).
    case logfmt
    /// One JSON object per line: `{"ts":…,"level":…,"service":…,"logger":…,"msg":…,"metadata":{…}}`.
    case json

    /// `logfmt` or `json` (case-insensitive).
    public static func parseConfig(_ text: String) -> LogFormat? {
        LogFormat(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }
    /// `one of logfmt, json`.
    public static var expectedConfigFormat: String { "one of logfmt, json" }
    /// The format name.
    public var configDescription: String { rawValue }
}
