import ArgumentParser
import ServiceKit

/// The command line of `kechuang-ingest`: the common options plus ingest's own. Absent flags are `nil`, so
/// ``IngestConfiguration/resolve(_:resolver:)`` falls back to the environment, then the defaults.
struct IngestOptions: ParsableArguments, Sendable {
    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("ingest-req"), help: "Request endpoint, ROUTER (env KECHUANG_ENDPOINT_INGEST_REQ; default ipc://<run dir>/ingest.req).")
    var requestEndpoint: String?

    @Option(name: .customLong("ingest-pub"), help: "Event endpoint, PUB (env KECHUANG_ENDPOINT_INGEST_PUB; default ipc://<run dir>/ingest.pub).")
    var publishEndpoint: String?

    @Option(name: .customLong("ingest-sync"), help: "Stream sync endpoint, ROUTER (env KECHUANG_ENDPOINT_INGEST_SYNC; default ipc://<run dir>/ingest.sync).")
    var syncEndpoint: String?

    @Option(name: .customLong("database"), help: "Database file (env KECHUANG_INGEST_DATABASE; default <data dir>/ingest.sqlite).")
    var database: String?

    @Option(name: .customLong("max-document-bytes"), help: "Largest accepted document in bytes (env KECHUANG_INGEST_MAX_DOCUMENT_BYTES; default 16777216).")
    var maxDocumentBytes: Int?

    @Option(name: .customLong("heartbeat-ms"), help: "Stream heartbeat interval in milliseconds (env KECHUANG_INGEST_HEARTBEAT_MS; default 1000).")
    var heartbeatMilliseconds: Int?

    @Option(name: .customLong("catalog"), help: "County catalog override JSON merged over the bundled catalog (env KECHUANG_CATALOG).")
    var catalog: String?

    @Option(name: .customLong("conversion-timeout-ms"), help: "Longest a PDF/DOCX/HTML conversion may run, in milliseconds (env KECHUANG_INGEST_CONVERSION_TIMEOUT_MS; default 30000).")
    var conversionTimeoutMilliseconds: Int?

    @Option(name: .customLong("max-pdf-pages"), help: "Most pages of a PDF report (env KECHUANG_INGEST_MAX_PDF_PAGES; default 300).")
    var maxPDFPages: Int?

    init() {}
}
