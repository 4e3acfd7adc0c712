import Messaging

/// Request (`ingest.get`): one stored document by id. Answered with ``GetDocumentReply`` or an `ErrorReply`
/// with code `not_found`.
public struct GetDocument: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.get"
    /// The document id returned by ``SubmitAccepted``.
    public var documentID: String
    /// Creates the request.
    public init(documentID: String) { self.documentID = documentID }
    /// Requests travel on the ingest request socket.
    public var topic: Topic { Topic("ingest").child("get") }
}
