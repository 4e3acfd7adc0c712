import Contracts
import Domain
import Foundation
import GRDB
import Logging
import Messaging
import Testing
@testable import IngestService

/// A full disk is not an internal error: ingest answers `storage_full` (nothing stored, retry later), names the
/// database in its log, and stores the document once space is back.
@Suite struct StorageFullTests {
    @Test func aFullDiskIsAnsweredStorageFull() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let store = try IngestStore(path: directory + "/ingest.sqlite")
            let handler = IngestRequestHandler(
                logic: IngestLogic(catalog: try Catalog.bundled(), maxDocumentBytes: 1 << 22), store: store,
                committed: { _, _ in }, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                startedAt: .now, currentYear: { 2025 })
            // The database may not grow by a single page: SQLITE_FULL, exactly as on a full disk.
            let pages = try await store.database.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 1 }
            try await store.database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages)") }
            let lines = try (1...400).map { try IngestFixtures.loanEventJSON(serial: $0) }.joined(separator: "\n")
            let request = try Envelope(
                SubmitDocument(kind: .events, content: lines), header: HeaderFactory(source: "test").header(for: SubmitDocument.self))

            let reply = await handler.handle(request)
            let rejected = try #require(reply as? SubmitRejected, "got \(reply)")
            #expect(rejected.code == .storageFull)
            #expect(rejected.message.contains("ingest.sqlite"))
            #expect(try await store.counts().events == 0)

            try await store.database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1073741823") }
            let accepted = await handler.handle(request)
            #expect((accepted as? SubmitAccepted)?.counts["events"] == 400)
        }
    }
}
