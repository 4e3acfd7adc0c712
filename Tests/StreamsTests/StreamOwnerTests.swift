import Foundation
import Messaging
@testable import Streams
import Testing

/// A log reader over an array, the way a store would serve it.
struct ArrayLog: StreamLogReader {
    var stored: [StoredEnvelope]
    var firstKept: UInt64 = 1

    init(count: UInt64, bodySize: Int = 10) {
        stored = count == 0 ? [] : (1...count).map { sequence in
            StoredEnvelope(
                sequence: sequence, topic: Topic("sample.s\(sequence)"),
                header: Data(EnvelopeCodec.encodeHeader(
                    MessageHeader(type: Sample.messageType, id: "e\(sequence)", source: "metrics",
                                  sequence: sequence, timestamp: 1))),
                body: Data(repeating: UInt8(ascii: "7"), count: bodySize))
        }
    }

    func entries(after sequence: UInt64, limit: Int) async throws -> [StoredEnvelope] {
        Array(stored.filter { $0.sequence > sequence && $0.sequence >= firstKept }.prefix(limit))
    }

    var head: UInt64 {
        get async throws { stored.last?.sequence ?? 0 }
    }
}

@Suite struct StreamOwnerTests {
    @Test func servesBoundedBatches() async throws {
        let owner = StreamOwner(stream: "metrics", maxBatchEntries: 4)
        let log = ArrayLog(count: 10)
        let first = try await owner.replay(ReplayRequest(stream: "metrics", afterSequence: 0, limit: 100), from: log)
        #expect(first.entries.map(\.sequence) == [1, 2, 3, 4])
        #expect(first.hasMore)
        #expect(first.lastSequence == 10)
        let last = try await owner.replay(ReplayRequest(stream: "metrics", afterSequence: 8, limit: 100), from: log)
        #expect(last.entries.map(\.sequence) == [9, 10])
        #expect(!last.hasMore)
        let none = try await owner.replay(ReplayRequest(stream: "metrics", afterSequence: 10), from: log)
        #expect(none.entries.isEmpty && !none.hasMore)
        #expect(none.lastSequence == 10)
    }

    /// Asked after a sequence beyond its head (it was restored from an older backup), the owner answers with its
    /// real head, so the follower can tell (it used to answer `max(head, afterSequence)`).
    @Test func answersItsRealHeadWhenAskedBeyondIt() async throws {
        let owner = StreamOwner(stream: "metrics")
        let restored = ArrayLog(count: 891)
        let beyond = try await owner.replay(ReplayRequest(stream: "metrics", afterSequence: 1092), from: restored)
        #expect(beyond.entries.isEmpty && !beyond.hasMore)
        #expect(beyond.lastSequence == 891)
        let maximum = try await owner.replay(ReplayRequest(stream: "metrics", afterSequence: .max), from: restored)
        #expect(maximum.lastSequence == 891)
    }

    @Test func boundsBatchBytesButAlwaysReturnsOne() async throws {
        let owner = StreamOwner(stream: "metrics", maxBatchEntries: 100, maxBatchBytes: 250)
        let log = ArrayLog(count: 5, bodySize: 100)
        let batch = try await owner.replay(ReplayRequest(stream: "metrics", afterSequence: 0), from: log)
        #expect(batch.entries.count == 1)
        #expect(batch.hasMore)
    }

    @Test func rejectsOtherStreams() async {
        let owner = StreamOwner(stream: "metrics")
        await #expect(throws: StreamError.wrongStream(expected: "metrics", actual: "ingest")) {
            try await owner.replay(ReplayRequest(stream: "ingest", afterSequence: 0), from: ArrayLog(count: 1))
        }
    }

    @Test func replayEntriesReproduceTheOriginalEnvelopes() async throws {
        let original = try Envelope(Sample(name: "科技", value: 1), header: HeaderFactory(source: "metrics").header(for: Sample.self, sequence: 3))
        let entry = try ReplayEntry(original)
        let batch = ReplayBatch(stream: "metrics", entries: [entry], lastSequence: 3, hasMore: false)
        let wire = try Envelope(batch, header: HeaderFactory(source: "metrics").header(for: ReplayBatch.self))
        let decoded = try EnvelopeCodec.decode(parts: EnvelopeCodec.encodeParts(wire)).decode(ReplayBatch.self)
        let replayed = try decoded.envelopes()
        #expect(replayed == [original])
        #expect(try StoredEnvelope(original).envelope() == original)
    }

    @Test func ownerAndFollowerConvergeTogether() async throws {
        let owner = StreamOwner(stream: "metrics", maxBatchEntries: 3)
        let log = ArrayLog(count: 10)
        var follower = FollowerStateMachine(
            settings: FollowerStateMachine.Settings(stream: "metrics", batchLimit: 100), lastApplied: 0)
        var applied: [UInt64] = []
        var actions = follower.start(.replay)
        while !actions.isEmpty {
            var next: [FollowerAction] = []
            for action in actions {
                switch action {
                case let .apply(envelope): applied.append(envelope.sequence ?? 0)
                case let .sendReplay(after, limit, _):
                    let batch = try await owner.replay(
                        ReplayRequest(stream: "metrics", afterSequence: after, limit: limit), from: log)
                    next += follower.handle(.replayAnswered(after: after, ReplayAnswer(batch)))
                case .fetchSnapshot, .caughtUp, .halt: break
                }
            }
            actions = next
        }
        #expect(applied == Array(1...10))
        #expect(follower.isCaughtUp)
    }
}
