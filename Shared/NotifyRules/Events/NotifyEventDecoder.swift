import Contracts
import Messaging

/// Turns a stream envelope into a ``NotifyEvent`` (decoding only the bodies the rules understand).
public struct NotifyEventDecoder: Sendable {
    /// Catalog names for metric fields.
    public var names: IndicatorNames

    /// Creates a decoder.
    public init(names: IndicatorNames = IndicatorNames()) {
        self.names = names
    }

    /// The event of `envelope` from `stream`.
    /// - Throws: ``EnvelopeError`` when a body the rules understand is malformed.
    public func event(_ envelope: Envelope, stream: String) throws(EnvelopeError) -> NotifyEvent {
        let content: NotifyEvent.Content
        switch envelope.type {
        case MetricUpdate.messageType: content = .metric(try envelope.decode(MetricUpdate.self))
        case ScoreUpdate.messageType: content = .score(try envelope.decode(ScoreUpdate.self))
        case GradeChanged.messageType: content = .grade(try envelope.decode(GradeChanged.self))
        case HighTechChanged.messageType: content = .highTech(try envelope.decode(HighTechChanged.self))
        default: content = .other
        }
        return NotifyEvent(
            stream: stream, sequence: envelope.sequence ?? 0, topic: envelope.topic.description,
            type: envelope.type.rawValue, content: content, names: names)
    }
}
