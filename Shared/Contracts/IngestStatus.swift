import Messaging

/// Reply (`ingest.status_reply`) to ``IngestStatusRequest``.
public struct IngestStatus: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.status_reply"
    /// Documents stored, per kind (`report`, `filing`, `events`).
    public var documents: [String: Int]
    /// Events in the ingest stream.
    public var events: Int
    /// The ingest stream's head (last assigned sequence; 0 when empty).
    public var lastSequence: UInt64
    /// Size of the database files in bytes.
    public var storageBytes: Int64
    /// Seconds since the service started.
    public var uptimeSeconds: Int64
    /// An id that changes every time the service process starts (protocol 1.x minor addition; absent from older
    /// services). A client seeing a different `instance` knows the service restarted and every request it had in
    /// flight before is lost (`kechuang feed` resubmits them at once).
    public var instance: String?

    /// Creates the reply.
    public init(
        documents: [String: Int], events: Int, lastSequence: UInt64, storageBytes: Int64, uptimeSeconds: Int64,
        instance: String? = nil
    ) {
        self.documents = documents
        self.events = events
        self.lastSequence = lastSequence
        self.storageBytes = storageBytes
        self.uptimeSeconds = uptimeSeconds
        self.instance = instance
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("ingest").child("status_reply") }
}
