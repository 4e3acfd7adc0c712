import Domain
import Messaging

/// Ingest event (`ingest.subject`, topic `ingest.subject.<subject kind>`): one validated subject record.
public struct SubjectRecorded: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.subject"
    /// Every ingest-stream event topic starts with `ingest.`.
    public static let topicPrefix: Topic = Topic("ingest")
    /// The batch document it came from.
    public var documentID: String
    /// 1-based row/line of the record within its document.
    public var row: Int
    /// The record.
    public var record: SubjectRecord

    /// Creates the event.
    public init(documentID: String, row: Int, record: SubjectRecord) {
        self.documentID = documentID
        self.row = row
        self.record = record
    }

    /// `ingest.subject.<kind>`, e.g. `ingest.subject.incubator`.
    public var topic: Topic { Topic("ingest").child("subject").child(record.kind) }
}
