import Contracts
import Domain
import Foundation
import Logging
import Messaging
import Synchronization
import Testing
@testable import IngestService

/// Small documents are no longer looked up before they are prepared (the write transaction finds duplicates); these
/// pin the answers that must not change because of it.
@Suite struct DuplicateSubmissionTests {
    /// A handler whose current year the test can move.
    private final class Year: Sendable {
        private let value = Mutex(2025)
        var current: Int { value.withLock { $0 } }
        func set(_ year: Int) { value.withLock { $0 = year } }
    }

    private func handler(_ store: IngestStore, year: Year) throws -> IngestRequestHandler {
        IngestRequestHandler(
            logic: IngestLogic(catalog: try Catalog.bundled(), maxDocumentBytes: 1 << 22), store: store,
            committed: { _, _ in }, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            startedAt: .now, currentYear: { year.current })
    }

    private func submit(_ content: String, to handler: IngestRequestHandler) async throws -> any WireMessage {
        let request = try Envelope(
            SubmitDocument(kind: .events, content: content),
            header: HeaderFactory(source: "test").header(for: SubmitDocument.self))
        return await handler.handle(request)
    }

    @Test func aSmallDocumentSentTwiceIsOneDocumentAndItsEventsOnce() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let store = try IngestStore(path: directory + "/ingest.sqlite")
            let handler = try handler(store, year: Year())
            let content = try IngestFixtures.loanEventJSON(serial: 1)
            #expect(!IngestRequestHandler.worthCheckingForDuplicateFirst(
                .events, content: DecodedContent(text: content, byteCount: content.utf8.count, contentHash: "")))

            let first = try #require(try await submit(content, to: handler) as? SubmitAccepted)
            let second = try #require(try await submit(content, to: handler) as? SubmitAccepted)
            #expect(!first.duplicate)
            #expect(second.duplicate)
            #expect(second.documentID == first.documentID)
            #expect(second.firstSequence == nil)
            #expect(try await store.counts().head == first.lastSequence)
        }
    }

    @Test func storedContentIsStillADuplicateWhenTodaysRulesWouldRefuseIt() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let store = try IngestStore(path: directory + "/ingest.sqlite")
            let year = Year()
            let handler = try handler(store, year: year)
            let dated2025 = try IngestFixtures.loanEventJSON(serial: 2, date: "2025-06-01")
            let stored = try #require(try await submit(dated2025, to: handler) as? SubmitAccepted)

            // A clock set back a year: 2025 is now "after the current year".
            year.set(2024)
            let again = try #require(try await submit(dated2025, to: handler) as? SubmitAccepted)
            #expect(again.duplicate)
            #expect(again.documentID == stored.documentID)

            // New content of the same shape is refused, naming the field.
            let other = try IngestFixtures.loanEventJSON(serial: 3, date: "2025-06-01")
            let refused = try #require(try await submit(other, to: handler) as? SubmitRejected)
            #expect(refused.problems.first?.field == "date")
            #expect(try await store.counts().head == stored.lastSequence)
        }
    }
}
