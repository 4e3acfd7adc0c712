import Contracts
import Messaging

/// One ingest-stream entry as the metrics service sees it.
public enum IngestEvent: Sendable, Hashable {
    /// A figure extracted from a report.
    case observation(ObservationExtracted)
    /// An enterprise annual filing.
    case filing(FilingRecorded)
    /// A program event.
    case program(ProgramEventRecorded)
    /// Any other entry (e.g. `ingest.document_stored`): no effect on metrics.
    case ignored(MessageType)

    /// Decodes the entry's body according to its header type.
    /// - Throws: ``EnvelopeError`` when the body does not match its type.
    public init(_ envelope: Envelope) throws(EnvelopeError) {
        switch envelope.type {
        case ObservationExtracted.messageType: self = .observation(try envelope.decode(ObservationExtracted.self))
        case FilingRecorded.messageType: self = .filing(try envelope.decode(FilingRecorded.self))
        case ProgramEventRecorded.messageType: self = .program(try envelope.decode(ProgramEventRecorded.self))
        default: self = .ignored(envelope.type)
        }
    }

    /// Whether the event is a fact that computed values are derived from (kept to rebuild them on restart).
    public var isComputedFact: Bool {
        switch self {
        case .filing, .program: true
        case .observation, .ignored: false
        }
    }
}
