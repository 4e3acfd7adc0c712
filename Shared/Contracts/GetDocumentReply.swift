import Messaging

/// Reply (`ingest.document`) to ``GetDocument``: the stored document and where its events are.
public struct GetDocumentReply: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.document"
    /// Document id.
    public var documentID: String
    /// Document kind.
    public var kind: DocumentKind
    /// Name given at submission.
    public var name: String?
    /// SHA-256 of the content, lowercase hex.
    public var contentHash: String
    /// The content as stored (UTF-8 text).
    public var content: String
    /// When it was accepted, milliseconds since the Unix epoch.
    public var receivedAt: Int64
    /// First ingest sequence it produced.
    public var firstSequence: UInt64?
    /// Last ingest sequence it produced.
    public var lastSequence: UInt64?

    /// Creates the reply.
    public init(
        documentID: String, kind: DocumentKind, name: String?, contentHash: String, content: String,
        receivedAt: Int64, firstSequence: UInt64?, lastSequence: UInt64?
    ) {
        self.documentID = documentID
        self.kind = kind
        self.name = name
        self.contentHash = contentHash
        self.content = content
        self.receivedAt = receivedAt
        self.firstSequence = firstSequence
        self.lastSequence = lastSequence
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("ingest").child("document") }
}
