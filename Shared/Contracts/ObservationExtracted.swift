import Domain
import Messaging

/// Ingest event (`ingest.observation`, topic `ingest.observation.<indicator id>` or
/// `ingest.observation.unmatched`): one figure extracted from a report.
public struct ObservationExtracted: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.observation"
    /// Every ingest-stream event topic starts with `ingest.`.
    public static let topicPrefix: Topic = Topic("ingest")
    /// The report it came from.
    public var documentID: String
    /// The figure: value, unit, qualifier, period, subject, catalog indicator, text span.
    public var observation: ReportedObservation

    /// Creates the event.
    public init(documentID: String, observation: ReportedObservation) {
        self.documentID = documentID
        self.observation = observation
    }

    /// `ingest.observation.loan.granted_amount`, or `ingest.observation.unmatched`.
    public var topic: Topic {
        Topic("ingest").child("observation").child(observation.indicatorID ?? "unmatched")
    }
}
