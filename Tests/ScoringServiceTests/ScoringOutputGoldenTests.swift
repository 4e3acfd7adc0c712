import Contracts
import Foundation
import Messaging
import Testing
@testable import ScoringService

/// What the scoring logic publishes for a fixed sample, compared with a recording made before the cost work of
/// issues #10 and #14 (`Fixtures/scoring-outputs.golden`). The sample (`Fixtures/scoring-facts.tsv`) is the facts a
/// `compose/run.sh` demo stored: 80 generated enterprises' filings over three years and the subject records of
/// every other kind. For each fact the recording holds the count of messages and a digest of their topics and exact
/// body bytes; then the same for a settle and for a full re-score. A difference names the first fact whose
/// messages changed. Bodies are encoded as the store encodes them (`ScoreUpdateBody`, `HighTechUpdateBody`). Set
/// `KECHUANG_RECORD_GOLDEN=1` to rewrite the recording (only when the protocol deliberately
/// changes).
@Suite struct ScoringOutputGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// FNV-1a (64 bits): enough to notice a changed byte; this is a recording, not a security check.
    struct Digest {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        mutating func add<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            for byte in bytes {
                value ^= UInt64(byte)
                value &*= 0x0000_0100_0000_01b3
            }
            value ^= 0xff
            value &*= 0x0000_0100_0000_01b3
        }
        var hex: String { String(value, radix: 16) }
    }

    static func line(_ label: String, _ outputs: [ScoringOutput]) throws -> String {
        var digest = Digest()
        for output in outputs {
            let (topic, body): (Topic, Data)
            switch output {
            case .score(let update): (topic, body) = (update.topic, try ScoreUpdateBody.encode(update))
            case .gradeChanged(let change): (topic, body) = (change.topic, try EnvelopeCodec.encodeBody(change))
            case .highTech(let update, let json): (topic, body) = (update.topic, try HighTechUpdateBody.encode(update, assessmentJSON: json))
            case .highTechChanged(let change): (topic, body) = (change.topic, try EnvelopeCodec.encodeBody(change))
            }
            digest.add(topic.rawValue.utf8)
            digest.add(body)
        }
        return "\(label)\t\(outputs.count)\t\(digest.hex)"
    }

    @Test func theSampleFactsPublishExactlyTheRecordedMessages() throws {
        let facts = try String(contentsOf: Self.folder.appendingPathComponent("scoring-facts.tsv"), encoding: .utf8)
        var logic = ScoringLogic(schemes: ScoringLogicTests.schemes)
        var lines: [String] = []
        for fact in facts.split(separator: "\n") {
            let fields = fact.split(separator: "\t", maxSplits: 2)
            try #require(fields.count == 3)
            let sequence = try #require(UInt64(fields[0]))
            let body = Data(fields[2].utf8)
            let outputs: [ScoringOutput]
            if fields[1] == SubjectRecorded.messageType.rawValue {
                outputs = logic.apply(
                    try EnvelopeCodec.decodeBody(SubjectRecorded.self, from: body, type: SubjectRecorded.messageType),
                    ingestSequence: sequence)
            } else {
                outputs = logic.apply(
                    try EnvelopeCodec.decodeBody(FilingRecorded.self, from: body, type: FilingRecorded.messageType),
                    ingestSequence: sequence)
            }
            lines.append(try Self.line(String(sequence), outputs))
        }
        lines.append(try Self.line("settle", logic.settle()))
        lines.append(try Self.line("rescore", logic.rescoreAll()))
        let recorded = lines.joined(separator: "\n") + "\n"
        let golden = Self.folder.appendingPathComponent("scoring-outputs.golden")
        if ProcessInfo.processInfo.environment["KECHUANG_RECORD_GOLDEN"] == "1" {
            try Data(recorded.utf8).write(to: golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count)
        if let first = zip(lines, expected).first(where: { $0 != $1 }) {
            Issue.record("first difference: got \(first.0), recorded \(first.1)")
        }
        // The sample covers what the digests stand for.
        #expect(lines.filter { !$0.hasPrefix("settle") && !$0.hasPrefix("rescore") }.count == 273)
    }
}
