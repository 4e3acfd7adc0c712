import Foundation
import Messaging
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

    func entries(after sequence: UInt64, limit: Int) throws -> [StoredEnvelope] {
        Array(stored.filter { $0.sequence > sequence && $0.sequence >= firstKept }.prefix(limit))
    }

    var head: UInt64 { stored.last?.sequence ?? 0 }
}

@Suite struct StreamOwnerTests {
    @Test func servesBoundedBatches() throws {
        let owner = StreamOwner(stream: "metrics", maxBatchEntries: 4)
        let log = ArrayLog(count: 10)
        let first = try owner.replay(ReplayRequest(stream: "metrics", afterSequence: 0, limit: 100), from: log)
        #expect(first.entries.map(\.sequence) == [1, 2, 3, 4])
        #expect(first.hasMore)
        #expect(first.lastSequence == 10)
        let last = try owner.replay(ReplayRequest(stream: "metrics", afterSequence: 8, limit: 100), from: log)
        #expect(last.entries.map(\.sequence) == [9, 10])
        #expect(!last.hasMore)
        let none = try owner.replay(ReplayRequest(stream: "metrics", afterSequence: 10), from: log)
        #expect(none.entries.isEmpty && !none.hasMore)
    }

    @Test func boundsBatchBytesButAlwaysReturnsOne() throws {
        let owner = StreamOwner(stream: "metrics", maxBatchEntries: 100, maxBatchBytes: 250)
        let log = ArrayLog(count: 5, bodySize: 100)
        let batch = try owner.replay(ReplayRequest(stream: "metrics", afterSequence: 0), from: log)
        #expect(batch.entries.count == 1)
        #expect(batch.hasMore)
    }

    @Test func rejectsOtherStreams() {
        let owner = StreamOwner(stream: "metrics")
        #expect(throws: StreamError.wrongStream(expected: "metrics", actual: "ingest")) {
            try owner.replay(ReplayRequest(stream: "ingest", afterSequence: 0), from: ArrayLog(count: 1))
        }
    }

    @Test func replayEntriesReproduceTheOriginalEnvelopes() throws {
        let original = try Envelope(Sample(name: "科技", value: 1), header: header(sequence: 3))
        let entry = try ReplayEntry(original)
        let batch = ReplayBatch(stream: "metrics", entries: [entry], lastSequence: 3, hasMore: false)
        let wire = try Envelope(batch, header: header(ReplayBatch.messageType))
        let decoded = try EnvelopeCodec.decode(parts: EnvelopeCodec.encodeParts(wire)).decode(ReplayBatch.self)
        let replayed = try decoded.envelopes()
        #expect(replayed == [original])
        #expect(try StoredEnvelope(original).envelope() == original)
    }

    @Test func ownerAndFollowerConvergeTogether() throws {
        let owner = StreamOwner(stream: "metrics", maxBatchEntries: 3)
        let log = ArrayLog(count: 10)
        var follower = StreamFollower(stream: "metrics", lastApplied: 0, batchLimit: 100)
        var applied: [UInt64] = []
        var actions = follower.start()
        while !actions.isEmpty {
            var next: [FollowerAction] = []
            for action in actions {
                switch action {
                case let .apply(envelope): applied.append(envelope.sequence ?? 0)
                case let .requestReplay(after, limit):
                    let batch = try owner.replay(ReplayRequest(stream: "metrics", afterSequence: after, limit: limit), from: log)
                    next += follower.handle(.replayBatch(try batch.envelopes(), head: batch.lastSequence, hasMore: batch.hasMore))
                default: break
                }
            }
            actions = next
        }
        #expect(applied == Array(1...10))
        #expect(follower.isCaughtUp)
    }
}
