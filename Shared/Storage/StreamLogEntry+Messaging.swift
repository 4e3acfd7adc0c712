import Foundation
import GRDB
import Messaging

extension StreamLogEntry {
    /// The entry as Messaging's ``Messaging/StoredEnvelope`` (the frames exactly as published).
    public var storedEnvelope: StoredEnvelope {
        StoredEnvelope(sequence: sequence, topic: Topic(topic), header: header, body: body)
    }
}

extension StreamLogStore {
    /// Appends a ``Messaging/StoredEnvelope`` built by the caller for `nextSequence(db)`.
    /// - Throws: ``StorageError/sequenceOutOfOrder(expected:got:)`` unless `stored.sequence == head + 1`.
    public func append(_ db: GRDB.Database, stored: StoredEnvelope, now: Date = Date()) throws {
        try append(db, sequence: stored.sequence, topic: stored.topic.rawValue, header: stored.header, body: stored.body, now: now)
    }
}
