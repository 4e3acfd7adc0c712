import Foundation
import ServiceKit

/// Everything `kechuang-ingest` needs, resolved once at start-up (flag > environment > default).
///
/// | setting | flag | environment | default |
/// |---|---|---|---|
/// | request endpoint (ROUTER) | `--ingest-req` | `KECHUANG_ENDPOINT_INGEST_REQ` | `ipc://<run dir>/ingest.req` |
/// | event endpoint (PUB) | `--ingest-pub` | `KECHUANG_ENDPOINT_INGEST_PUB` | `ipc://<run dir>/ingest.pub` |
/// | sync endpoint (ROUTER) | `--ingest-sync` | `KECHUANG_ENDPOINT_INGEST_SYNC` | `ipc://<run dir>/ingest.sync` |
/// | database | `--database` | `KECHUANG_INGEST_DATABASE` | `<data dir>/ingest.sqlite` |
/// | max document size | `--max-document-bytes` | `KECHUANG_INGEST_MAX_DOCUMENT_BYTES` | 16777216 (16 MiB) |
/// | heartbeat interval | `--heartbeat-ms` | `KECHUANG_INGEST_HEARTBEAT_MS` | 1000 |
/// | conversion timeout | `--conversion-timeout-ms` | `KECHUANG_INGEST_CONVERSION_TIMEOUT_MS` | 30000 |
/// | PDF page cap | `--max-pdf-pages` | `KECHUANG_INGEST_MAX_PDF_PAGES` | 300 |
/// | catalog override | `--catalog` | `KECHUANG_CATALOG` | none (bundled catalog) |
struct IngestConfiguration: Sendable {
    /// The service name in logs, headers and the readiness line.
    static let service = "ingest"
    /// Default maximum document size: 16 MiB.
    static let defaultMaxDocumentBytes = 16 << 20

    /// Directories and logging.
    var environment: ServiceEnvironment
    /// Request/reply endpoint (ROUTER).
    var requestEndpoint: String
    /// Live event endpoint (PUB).
    var publishEndpoint: String
    /// Stream sync endpoint (ROUTER: replay).
    var syncEndpoint: String
    /// The database file.
    var databasePath: String
    /// Largest accepted document in bytes.
    var maxDocumentBytes: Int
    /// Heartbeat interval.
    var heartbeatInterval: Duration
    /// County catalog override file, if any.
    var catalogPath: String?
    /// Longest a PDF/DOCX/HTML conversion may run before its subprocess is killed.
    var conversionTimeout: Duration = .seconds(30)
    /// Most pages of a PDF report.
    var maxPDFPages: Int = 300

    /// The largest request accepted on the request endpoint: twice the document limit plus 64 KiB for the envelope.
    /// Twice covers every way of sending a document within the limit that clients use: raw UTF-8, base64 (4/3), and
    /// `\uXXXX` escapes of every non-ASCII character of the Basic Multilingual Plane (Chinese text: 3 bytes → 6,
    /// Python's default `json.dumps`). A larger request is answered `too_large` (error reply, `limit` = this value);
    /// documents that fit are checked against `maxDocumentBytes` after decoding (`too_large` rejection).
    var requestMessageLimit: Int {
        2 * maxDocumentBytes + 64 * 1024
    }

    /// Resolves the configuration from parsed flags and `resolver`'s environment.
    static func resolve(_ options: IngestOptions, resolver: ConfigResolver) throws -> IngestConfiguration {
        let environment = try ServiceEnvironment.resolve(service: service, options: options.common, resolver: resolver)
        let directories = environment.directories
        let request = try directories.resolveEndpoint(.ingestRequest, flag: options.requestEndpoint, resolver: resolver)
        let publish = try directories.resolveEndpoint(.ingestPublish, flag: options.publishEndpoint, resolver: resolver)
        let sync = try directories.resolveEndpoint(.ingestSync, flag: options.syncEndpoint, resolver: resolver)
        let database: ConfigValue<String> = try resolver.resolve(
            "database", flag: options.database, flagName: "--database", environmentKey: "KECHUANG_INGEST_DATABASE",
            default: directories.databasePath(service: service))
        let maxBytes: ConfigValue<Int> = try resolver.resolve(
            "max_document_bytes", flag: options.maxDocumentBytes, flagName: "--max-document-bytes",
            environmentKey: "KECHUANG_INGEST_MAX_DOCUMENT_BYTES", default: defaultMaxDocumentBytes)
        guard maxBytes.value >= 1, maxBytes.value <= 1 << 30 else {
            throw ConfigurationError(
                setting: "max_document_bytes", source: maxBytes.source, value: "\(maxBytes.value)",
                expected: "a size between 1 and 1073741824 bytes")
        }
        let heartbeat: ConfigValue<Int> = try resolver.resolve(
            "heartbeat_ms", flag: options.heartbeatMilliseconds, flagName: "--heartbeat-ms",
            environmentKey: "KECHUANG_INGEST_HEARTBEAT_MS", default: 1000)
        guard heartbeat.value >= 10, heartbeat.value <= 60_000 else {
            throw ConfigurationError(
                setting: "heartbeat_ms", source: heartbeat.source, value: "\(heartbeat.value)",
                expected: "milliseconds between 10 and 60000")
        }
        let catalog: ConfigValue<String> = try resolver.resolve(
            "catalog", flag: options.catalog, flagName: "--catalog", environmentKey: "KECHUANG_CATALOG", default: "")
        let timeout: ConfigValue<Int> = try resolver.resolve(
            "conversion_timeout_ms", flag: options.conversionTimeoutMilliseconds, flagName: "--conversion-timeout-ms",
            environmentKey: "KECHUANG_INGEST_CONVERSION_TIMEOUT_MS", default: 30_000)
        guard timeout.value >= 100, timeout.value <= 600_000 else {
            throw ConfigurationError(
                setting: "conversion_timeout_ms", source: timeout.source, value: "\(timeout.value)",
                expected: "milliseconds between 100 and 600000")
        }
        let pages: ConfigValue<Int> = try resolver.resolve(
            "max_pdf_pages", flag: options.maxPDFPages, flagName: "--max-pdf-pages",
            environmentKey: "KECHUANG_INGEST_MAX_PDF_PAGES", default: 300)
        guard pages.value >= 1, pages.value <= 100_000 else {
            throw ConfigurationError(
                setting: "max_pdf_pages", source: pages.source, value: "\(pages.value)", expected: "pages between 1 and 100000")
        }
        return IngestConfiguration(
            environment: environment, requestEndpoint: request.value, publishEndpoint: publish.value,
            syncEndpoint: sync.value, databasePath: database.value, maxDocumentBytes: maxBytes.value,
            heartbeatInterval: .milliseconds(heartbeat.value),
            catalogPath: catalog.value.isEmpty ? nil : catalog.value,
            conversionTimeout: .milliseconds(timeout.value), maxPDFPages: pages.value)
    }
}
