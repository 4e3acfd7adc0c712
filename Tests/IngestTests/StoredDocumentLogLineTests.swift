import Contracts
import Domain
import Foundation
import Logging
import Messaging
import ServiceKit
import Synchronization
import Testing
@testable import IngestService

/// The `document stored` log line an operator reads for every accepted document.
@Suite struct StoredDocumentLogLineTests {
    private final class Lines: LogLineSink {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func write(line: String) { lines.withLock { $0.append(line) } }
    }

    @Test func countsAreWrittenSortedByName() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let lines = Lines()
            let handler = IngestRequestHandler(
                logic: IngestLogic(catalog: try Catalog.bundled(), maxDocumentBytes: 1 << 22),
                store: try IngestStore(path: directory + "/ingest.sqlite"), committed: { _, _ in },
                logger: LoggingBootstrap.makeLogger(label: "ingest", service: "ingest", level: .info, sink: lines),
                startedAt: .now, currentYear: { 2025 })
            let filings = try (1...3).map { try IngestFixtures.filingJSON(serial: $0) }.joined(separator: "\n")
            let request = try Envelope(
                SubmitDocument(kind: .filing, content: filings, name: "企业申报.jsonl"),
                header: HeaderFactory(source: "test").header(for: SubmitDocument.self))
            _ = try #require(await handler.handle(request) as? SubmitAccepted)
            let stored = try #require(lines.all.first { $0.contains("msg=\"document stored\"") })
            #expect(stored.contains(#"counts="{enterprises=3,filings=3}""#), "\(stored)")
            #expect(stored.contains("name=企业申报.jsonl"), "\(stored)")
        }
    }
}
