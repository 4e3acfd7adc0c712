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
    /// A PDF without a text layer (a scan): run OCR first.
    case noTextLayer = "no_text_layer"
    /// A PDF, DOCX or HTML file that cannot be read (damaged, truncated, not what its magic bytes claim).
    case corruptDocument = "corrupt_document"
    /// A password-protected (encrypted) PDF or Office file.
    case encryptedDocument = "encrypted_document"
    /// A PDF with more pages than ingest's `--max-pdf-pages`.
    case tooManyPages = "too_many_pages"
    /// A format ingest does not convert (legacy `.doc`, a ZIP that is not a Word document), or a PDF/DOCX/HTML
    /// submitted as a kind other than `report`.
    case unsupportedFormat = "unsupported_format"
    /// The converter did not finish within `--conversion-timeout-ms`, or it failed (e.g. `pdftotext` missing).
    case conversionFailed = "conversion_failed"
    /// Ingest could not store the document because its disk (or file system quota) is full. Nothing was stored;
    /// the document itself is fine: retry later, once space was freed (resubmission is idempotent).
    case storageFull = "storage_full"

    /// The code as written on the wire.
    public var description: String { rawValue }
}
