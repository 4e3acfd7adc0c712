import Domain
import Messaging

/// Ingest event (`ingest.program_event`, topic `ingest.program.<event type>`): one program event, validated.
public struct ProgramEventRecorded: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.program_event"
    /// Every ingest-stream event topic starts with `ingest.`.
    public static let topicPrefix: Topic = Topic("ingest")
    /// The events document it came from.
    public var documentID: String
    /// 1-based line of the event within its document.
    public var line: Int
    /// The event.
    public var event: ProgramEvent

    /// Creates the event.
    public init(documentID: String, line: Int, event: ProgramEvent) {
        self.documentID = documentID
        self.line = line
        self.event = event
    }

    /// `ingest.program.tech_loan_granted`.
    public var topic: Topic { Topic("ingest").child("program").child(event.type.rawValue) }
}
