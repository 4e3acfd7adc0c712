/// Why ingest refused a document. Stable snake_case strings on the wire.
public enum RejectionCode: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// The content is larger than the configured maximum document size.
    case tooLarge = "too_large"
    /// The content is empty (or only white space).
    case empty
    /// Neither or both of `content` / `contentBase64` were given, or base64 is malformed.
    case badContent = "bad_content"
    /// The bytes are not valid UTF-8 (the problem names the byte offset).
    case invalidUTF8 = "invalid_utf8"
    /// The document kind is not one ingest knows.
    case unknownKind = "unknown_kind"
    /// JSON (array or lines) could not be parsed (line and column named).
    case malformedJSON = "malformed_json"
    /// CSV could not be parsed (line and column named).
    case malformedCSV = "malformed_csv"
    /// One or more filing rows are invalid (every bad row listed); nothing was imported.
    case invalidFiling = "invalid_filing"
    /// One or more program events are invalid (every bad line listed); nothing was imported.
    case invalidEvent = "invalid_event"
    /// One or more subject records are invalid (every bad record listed with line and field); nothing was imported.
    case invalidSubject = "invalid_subject"
    /// An enterprise credit code (统一社会信用代码) is invalid.
    case invalidCreditCode = "invalid_credit_code"
    /// A report yielded nothing that could be stored (e.g. no text after normalisation).
    case unreadableReport = "unreadable_report"
    /// Ingest could not store the document because its disk (or file system quota) is full. Nothing was stored;
    /// the document itself is fine: retry later, once space was freed (resubmission is idempotent).
    case storageFull = "storage_full"

    /// The code as written on the wire.
    public var description: String { rawValue }
}
