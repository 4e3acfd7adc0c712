import Contracts
import Domain
import Foundation
import Messaging
import Testing
@testable import IngestService

@Suite struct IngestStoreTests {
    /// `text` prepared as ingest prepares a submission of `kind` (the current year 2025).
    static func prepared(_ text: String, kind: DocumentKind = .events) throws -> PreparedDocument {
        let logic = IngestLogic(catalog: try Catalog.bundled(), maxDocumentBytes: 1 << 20)
        let request = SubmitDocument(kind: kind, content: text)
        return try logic.prepare(request, content: try logic.decode(request).get(), currentYear: 2025)
    }

    @Test func storesDocumentsWithGapFreeSequencesAndIsIdempotent() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let store = try IngestStore(path: directory + "/ingest.sqlite")
            let first = try Self.prepared(try IngestFixtures.loanEventJSON(serial: 1))
            let second = try Self.prepared(try IngestFixtures.loanEventJSON(serial: 2) + "\n" + IngestFixtures.loanEventJSON(serial: 3))
            let firstOutcome = try await store.store(first)
            let secondOutcome = try await store.store(second)
            #expect(firstOutcome.storedSequences == 1...2)
            #expect(secondOutcome.storedSequences == 3...5)
            guard case .duplicate(let record) = try await store.store(first) else {
                Issue.record("expected a duplicate")
                return
            }
            #expect(record.id == first.documentID)
            #expect(record.firstSequence == 1 && record.lastSequence == 2)
            let counts = try await store.counts()
            #expect(counts.events == 5 && counts.head == 5)
            #expect(counts.documents["events"] == 2 && counts.documents["report"] == 0)
            let entries = try await store.logReader.entries(after: 0, limit: 100)
            #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
            let headers = try entries.map { try $0.envelope().header }
            #expect(headers.map(\.sequence) == [1, 2, 3, 4, 5])
            #expect(headers.map(\.type) == [
                DocumentStored.messageType, ProgramEventRecorded.messageType,
                DocumentStored.messageType, ProgramEventRecorded.messageType, ProgramEventRecorded.messageType,
            ])
            #expect(headers.allSatisfy { $0.source == "ingest" })
            // What a commit hands to the stream owner is what the log holds, byte for byte.
            var handedOver: [StoredEnvelope] = []
            for outcome in [firstOutcome, secondOutcome] {
                if case let .stored(_, _, stored) = outcome { handedOver += stored }
            }
            #expect(handedOver == entries)
        }
    }

    @Test func identicalSubjectDocumentIsADuplicate() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let store = try IngestStore(path: directory + "/ingest.sqlite")
            let text = #"{"kind":"talent_team","id":"RC-1","name":"王博士团队","period":"2024","values":{"staff":12}}"#
            let document = try Self.prepared(text, kind: .subjects)
            #expect(try await store.store(document).storedSequences == 1...2)
            guard case .duplicate(let record) = try await store.store(try Self.prepared(text, kind: .subjects)) else {
                Issue.record("expected a duplicate")
                return
            }
            #expect(record.id == document.documentID && record.kind == .subjects)
            #expect(record.counts == ["subjects": 1, "kinds": 1])
            let counts = try await store.counts()
            #expect(counts.events == 2)
            #expect(counts.documents["subjects"] == 1)
            let types = try await store.logReader.entries(after: 0, limit: 10).map { try $0.envelope().header.type }
            #expect(types == [DocumentStored.messageType, SubjectRecorded.messageType])
        }
    }

    @Test func concurrentIdenticalSubmissionsStoreOnce() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let store = try IngestStore(path: directory + "/ingest.sqlite")
            let document = try Self.prepared(try IngestFixtures.loanEventJSON(serial: 7))
            let outcomes = try await withThrowingTaskGroup(of: StoreOutcome.self) { group in
                for _ in 0..<8 { group.addTask { try await store.store(document) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { if case .stored = $0 { true } else { false } }.count == 1)
            #expect(try await store.counts().events == 2)
        }
    }

    @Test func documentReplyRoundTripsAndSurvivesReopening() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let path = directory + "/ingest.sqlite"
            let text = try IngestFixtures.filingJSON(serial: 1)
            let document = try Self.prepared(text, kind: .filing)
            do {
                let store = try IngestStore(path: path)
                _ = try await store.store(document)
                try store.database.close()
            }
            let reopened = try IngestStore(path: path)
            let stored = try #require(try await reopened.documentReply(id: document.documentID))
            #expect(stored.content == text)
            #expect(stored.kind == .filing)
            #expect(stored.firstSequence == 1 && stored.lastSequence == 2)
            #expect(try await reopened.documentReply(id: "doc-missing") == nil)
            #expect(try await reopened.document(hash: document.content.contentHash)?.counts == ["filings": 1, "enterprises": 1])
            #expect(reopened.storageBytes() > 0)
            #expect(try reopened.storeAlone(try Self.prepared(try IngestFixtures.filingJSON(serial: 2), kind: .filing)).storedSequences
                == 3...4)
        }
    }
}
