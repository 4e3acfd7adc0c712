import KechuangTestSupport
import Foundation
import Messaging

/// A sample message used throughout the tests.
struct Sample: WireMessage, Hashable {
    static let messageType: MessageType = "test.sample"
    static var topicPrefix: Topic { Topic.family("sample") }
    var name: String
    var value: Int
    var tags: [String] = []
    var topic: Topic { Topic("sample").child(name) }
}

/// Another message type, for type-mismatch tests.
struct Other: WireMessage, Hashable {
    static let messageType: MessageType = "test.other"
    var flag: Bool
    var topic: Topic { "other" }
}

struct TimedOut: Error {}

/// Runs `operation`, failing with `TimedOut` if it takes longer than `limit` (a guard against hangs,
/// not a wait: tests never sleep to let something happen).
func within<T: Sendable>(_ limit: Duration = .seconds(10), _ operation: @escaping @Sendable () async throws -> T)
    async throws -> T
{
    try await withDeadline(limit, orThrow: TimedOut(), operation)
}

func header(
    _ type: MessageType = Sample.messageType, id: String = "id-1", sequence: UInt64? = nil,
    correlation: String? = nil, version: ProtocolVersion = .current
) -> MessageHeader {
    MessageHeader(
        version: version, type: type, id: id, source: "tests", sequence: sequence, timestamp: 1_732_870_000_123,
        correlation: correlation)
}

func parts(_ topic: String, _ header: String, _ body: String) -> [Data] {
    [Data(topic.utf8), Data(header.utf8), Data(body.utf8)]
}

/// The ``EnvelopeError`` `body` throws (nil if it succeeds or throws something else).
func decodeError(_ body: () throws -> Void) -> EnvelopeError? {
    do {
        try body()
        return nil
    } catch let error as EnvelopeError {
        return error
    } catch {
        return nil
    }
}
