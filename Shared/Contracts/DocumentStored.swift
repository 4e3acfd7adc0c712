import Messaging

/// Ingest event (`ingest.document_stored`, topic `ingest.document.<kind>`): a document was accepted.
/// Always the first event of a document; its facts follow with higher sequences.
public struct DocumentStored: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.document_stored"
    /// Every ingest-stream event topic starts with `ingest.`.
    public static let topicPrefix: Topic = Topic("ingest")
    /// Document id.
    public var documentID: String
    /// Document kind.
    public var kind: DocumentKind
    /// Name given at submission.
    public var name: String?
    /// SHA-256 of the content, lowercase hex.
    public var contentHash: String
    /// Content size in bytes.
    public var byteCount: Int
    /// For reports: the default year figures belong to.
    public var reportYear: Int?

    /// Creates the event.
    public init(documentID: String, kind: DocumentKind, name: String?, contentHash: String, byteCount: Int, reportYear: Int?) {
        self.documentID = documentID
        self.kind = kind
        self.name = name
        self.contentHash = contentHash
        self.byteCount = byteCount
        self.reportYear = reportYear
    }

    /// `ingest.document.report`, `ingest.document.filing`, `ingest.document.events`.
    public var topic: Topic { Topic("ingest").child("document").child(kind.rawValue) }
}
