import Messaging

/// Reply (`ingest.accepted`): the document and every event it produced are committed to disk.
public struct SubmitAccepted: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.accepted"
    /// Stable id of the stored document (derived from its content hash).
    public var documentID: String
    /// SHA-256 of the content bytes, lowercase hex.
    public var contentHash: String
    /// The document kind.
    public var kind: DocumentKind
    /// `true` when identical content was stored before: the earlier id is returned and no events are produced.
    public var duplicate: Bool
    /// First ingest-stream sequence this document produced (nil for a duplicate).
    public var firstSequence: UInt64?
    /// Last ingest-stream sequence this document produced (nil for a duplicate).
    public var lastSequence: UInt64?
    /// What was recorded, e.g. `["observations": 22, "matched": 22]`, `["filings": 1000]`, `["events": 12]`.
    public var counts: [String: Int]
    /// Non-fatal remarks (e.g. figures whose subject matched no catalog indicator).
    public var warnings: [String]

    /// Creates the reply.
    public init(
        documentID: String, contentHash: String, kind: DocumentKind, duplicate: Bool,
        firstSequence: UInt64?, lastSequence: UInt64?, counts: [String: Int], warnings: [String]
    ) {
        self.documentID = documentID
        self.contentHash = contentHash
        self.kind = kind
        self.duplicate = duplicate
        self.firstSequence = firstSequence
        self.lastSequence = lastSequence
        self.counts = counts
        self.warnings = warnings
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("ingest").child("accepted") }
}
