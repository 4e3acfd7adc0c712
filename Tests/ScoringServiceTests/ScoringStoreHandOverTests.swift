import Contracts
import Foundation
import Messaging
import Testing
@testable import ScoringService

/// ``ScoringStore`` hands the stream owner the entries a commit appended, exactly as the log holds them.
@Suite struct ScoringStoreHandOverTests {
    /// The first `count` sample facts (`Fixtures/scoring-facts.tsv`) as ingest envelopes.
    static func envelopes(_ count: Int) throws -> [Envelope] {
        let facts = try String(
            contentsOf: ScoringOutputGoldenTests.folder.appendingPathComponent("scoring-facts.tsv"), encoding: .utf8)
        let headers = HeaderFactory(source: "ingest")
        return try facts.split(separator: "\n").prefix(count).map { fact in
            let fields = fact.split(separator: "\t", maxSplits: 2)
            try #require(fields.count == 3)
            let sequence = try #require(UInt64(fields[0]))
            let type = MessageType(rawValue: String(fields[1]))
            return Envelope(
                topic: Topic("ingest.fact"), header: headers.header(for: type, sequence: sequence),
                body: Data(fields[2].utf8))
        }
    }

    @Test func appliedAndSettledEntriesAreTheLoggedOnes() async throws {
        let folder = try ScoringStoreFolder("store")
        defer { folder.remove() }
        let (store, shared) = try await folder.open()
        let applied = try await store.apply(try Self.envelopes(400), to: shared)
        let settled = try await store.settle(shared)
        let logged = try await store.logReader.entries(after: 0, limit: 100_000)
        #expect(applied.messages > ScoringStore.handOverLimit, "the sample must pass the hand-over limit")
        #expect(applied.entries == Array(logged.prefix(ScoringStore.handOverLimit)))
        #expect(settled.entries == Array(logged[applied.messages...].prefix(ScoringStore.handOverLimit)))
        #expect(settled.entries.count == min(settled.messages, ScoringStore.handOverLimit))
    }
}
