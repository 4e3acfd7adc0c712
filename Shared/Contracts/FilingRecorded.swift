import Domain
import Messaging

/// Ingest event (`ingest.filing`, topic `ingest.filing.<year>`): one enterprise annual filing, validated.
public struct FilingRecorded: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.filing"
    /// Every ingest-stream event topic starts with `ingest.`.
    public static let topicPrefix: Topic = Topic("ingest")
    /// The batch document it came from.
    public var documentID: String
    /// 1-based row/line of the filing within its document.
    public var row: Int
    /// The filing.
    public var filing: EnterpriseFiling

    /// Creates the event.
    public init(documentID: String, row: Int, filing: EnterpriseFiling) {
        self.documentID = documentID
        self.row = row
        self.filing = filing
    }

    /// `ingest.filing.2024`.
    public var topic: Topic { Topic("ingest").child("filing").child(String(filing.year)) }
}
