/// Published by a stream owner on its PUB socket about once a second (type `stream.heartbeat`, topic
/// `<stream>.heartbeat`), so an idle follower notices a lost tail: if `latestSequence` is above what it
/// applied, it asks for a replay.
public struct Heartbeat: WireMessage, Hashable {
    /// `"stream.heartbeat"`.
    public static let messageType: MessageType = "stream.heartbeat"

    /// The stream's name.
    public var stream: String
    /// The highest sequence published so far.
    public var latestSequence: UInt64
    /// When it was sent, milliseconds since the Unix epoch.
    public var timestamp: Int64

    /// Creates a heartbeat.
    public init(stream: String, latestSequence: UInt64, timestamp: Int64 = MessageClock.nowMilliseconds()) {
        self.stream = stream
        self.latestSequence = latestSequence
        self.timestamp = timestamp
    }

    /// `<stream>.heartbeat`.
    public var topic: Topic { Heartbeat.topic(for: stream) }

    /// The heartbeat topic of `stream` (followers subscribe to it next to their data prefix).
    public static func topic(for stream: String) -> Topic {
        Topic(stream).child("heartbeat")
    }
}
