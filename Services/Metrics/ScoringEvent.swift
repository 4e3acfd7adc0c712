import Contracts
import Messaging

/// One scoring-stream entry as the metrics service sees it.
public enum ScoringEvent: Sendable, Hashable {
    /// A subject's current score under one scheme (`score.update`).
    case score(ScoreUpdate)
    /// An enterprise's current 高企培育库 assessment (`hightech.assessment`).
    case highTech(HighTechUpdate)
    /// Any other entry (`grade.changed`, `hightech.changed`): no effect on metrics — the `score.update` and
    /// `hightech.assessment` entries carry the same facts.
    case ignored(MessageType)

    /// Decodes the entry's body according to its header type.
    /// - Throws: ``EnvelopeError`` when the body does not match its type.
    public init(_ envelope: Envelope) throws(EnvelopeError) {
        switch envelope.type {
        case ScoreUpdate.messageType: self = .score(try envelope.decode(ScoreUpdate.self))
        case HighTechUpdate.messageType: self = .highTech(try envelope.decode(HighTechUpdate.self))
        default: self = .ignored(envelope.type)
        }
    }

    /// The ingest-stream sequence of the event that caused the entry (0 for an ignored entry, and for a re-score
    /// after a scheme change).
    public var ingestSequence: UInt64 {
        switch self {
        case let .score(update): update.ingestSequence
        case let .highTech(update): update.ingestSequence
        case .ignored: 0
        }
    }
}
