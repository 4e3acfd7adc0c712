import Messaging

/// Request (`ingest.submit`, on `ingest.req`): store one document, extract its facts and publish them as
/// ingest events. Answered with ``SubmitAccepted`` (only once the document and its events are committed to
/// disk) or ``SubmitRejected``.
public struct SubmitDocument: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.submit"
    /// What the content is.
    public var kind: DocumentKind
    /// The document text (UTF-8). Exactly one of `content` and `contentBase64` is set.
    public var content: String?
    /// The document's raw bytes, base64-encoded, for content whose encoding is not known to be UTF-8
    /// (ingest validates it and rejects invalid UTF-8 with the byte offset).
    public var contentBase64: String?
    /// A name for people (usually the file name).
    public var name: String?
    /// For reports: the year figures belong to when the text does not say (e.g. 2024).
    public var reportYear: Int?

    /// Creates a submit request with text content.
    public init(kind: DocumentKind, content: String, name: String? = nil, reportYear: Int? = nil) {
        self.kind = kind
        self.content = content
        self.contentBase64 = nil
        self.name = name
        self.reportYear = reportYear
    }

    /// Creates a submit request with raw bytes (sent base64-encoded).
    public init(kind: DocumentKind, bytes: [UInt8], name: String? = nil, reportYear: Int? = nil) {
        self.kind = kind
        self.content = nil
        self.contentBase64 = Base64.encode(bytes)
        self.name = name
        self.reportYear = reportYear
    }

    /// Requests travel on the ingest request socket; the topic names the request.
    public var topic: Topic { Topic("ingest").child("submit") }
}
