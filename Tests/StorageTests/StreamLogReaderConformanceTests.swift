import Foundation
import GRDB
import Messaging
import Streams
import Testing
@testable import Storage

@Suite struct StreamLogReaderConformanceTests {
    @Test func storedEnvelopesRoundTripThroughTheLog() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("log.sqlite"))
        let log = StreamLogStore()
        let written = try await database.pool.write { (db: Database) throws -> [StoredEnvelope] in
            try (0..<5).map { index in
                let stored = StoredEnvelope(
                    sequence: try log.nextSequence(db), topic: Topic("ingest.document"),
                    header: Data("{\"n\":\(index)}".utf8), body: Data("文档\(index)".utf8))
                try log.append(db, stored: stored)
                return stored
            }
        }
        let reader: any StreamLogReader = StreamLogDatabaseReader(reader: database.pool)
        #expect(try await reader.head == 5)
        #expect(try await reader.entries(after: 0, limit: 100) == written)
        #expect(try await reader.entries(after: 3, limit: 1) == [written[3]])
    }
}
