import Foundation
import GRDB
import Messaging
import Testing
@testable import Storage

/// ``StreamLogStore/Appender``: one head read per transaction, then gap-free appends through a cached statement.
@Suite struct StreamLogAppenderTests {
    let log = StreamLogStore()

    @Test func continuesFromTheHeadAcrossTransactionsAndRefusesAnyOtherSequence() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("log.sqlite"))
        let (heads, returned) = try database.pool.write { db -> ([UInt64], [StoredEnvelope]) in
            var appender = try log.appender(db)
            let empty = appender.head
            var returned: [StoredEnvelope] = []
            for _ in 0..<3 {
                let sequence = appender.nextSequence
                returned.append(try appender.append(
                    sequence: sequence, topic: "t", header: Data("seq=\(sequence)".utf8), body: Data()))
            }
            #expect(throws: StorageError.self) {
                try appender.append(sequence: 7, topic: "t", header: Data(), body: Data())
            }
            return ([empty, appender.head, try log.head(db)], returned)
        }
        #expect(heads == [0, 3, 3])
        let next = try database.pool.write { db -> UInt64 in
            var appender = try log.appender(db)
            try appender.append(sequence: appender.nextSequence, topic: "u", header: Data(), body: Data())
            return appender.head
        }
        #expect(next == 4)
        let entries = try database.pool.read { db in try log.entries(db, after: 0, limit: 10) }
        #expect(entries.map(\.sequence) == [1, 2, 3, 4])
        #expect(entries.prefix(3).map(\.header) == (1...3).map { Data("seq=\($0)".utf8) })
        #expect(returned == entries.prefix(3).map(\.storedEnvelope), "each append returns the entry as stored")
    }
}
