import Contracts
import Foundation
import Messaging

/// One ingest-stream event ready to be appended: topic, type and encoded body. The header (with its sequence) is
/// written inside the storing transaction.
struct PreparedEvent: Sendable, Hashable {
    /// Frame 0.
    var topic: Topic
    /// The header's type.
    var type: MessageType
    /// Frame 2 (JSON).
    var body: Data

    /// Encodes `message`.
    init<M: WireMessage>(_ message: M) throws(EnvelopeError) {
        topic = message.topic
        type = M.messageType
        body = try EnvelopeCodec.encodeBody(message)
    }

    /// Encodes a filing with the hand-written ``FilingRecordedBody`` (the same bytes, without the generic
    /// encoder's cost).
    init(_ event: FilingRecorded) {
        topic = event.topic
        type = FilingRecorded.messageType
        body = FilingRecordedBody.encode(event)
    }

    /// Encodes a program event with the hand-written ``ProgramEventRecordedBody``.
    init(_ event: ProgramEventRecorded) {
        topic = event.topic
        type = ProgramEventRecorded.messageType
        body = ProgramEventRecordedBody.encode(event)
    }
}
