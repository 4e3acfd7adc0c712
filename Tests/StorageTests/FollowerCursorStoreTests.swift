import Foundation
import GRDB
import Testing
@testable import Storage

@Suite struct FollowerCursorStoreTests {
    @Test func cursorPersistsAcrossReopen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cursor.sqlite")
        let cursors = FollowerCursorStore()
        let first = try KechuangDatabase(path: path)
        try first.pool.write { (db: Database) throws in
            #expect(try cursors.lastApplied(db, stream: "ingest") == 0)
            try cursors.setLastApplied(db, stream: "ingest", sequence: 41)
            try cursors.setLastApplied(db, stream: "ingest", sequence: 42)
            try cursors.setLastApplied(db, stream: "metrics", sequence: 7)
        }
        try first.close()

        let second = try KechuangDatabase(path: path)
        try second.pool.read { (db: Database) throws in
            #expect(try cursors.lastApplied(db, stream: "ingest") == 42)
            #expect(try cursors.all(db) == ["ingest": 42, "metrics": 7])
        }
    }

    @Test func cursorRollsBackWithTheStateItDescribes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("cursor.sqlite"))
        let cursors = FollowerCursorStore()
        struct ApplyFailed: Error {}
        try database.pool.write { db in try cursors.setLastApplied(db, stream: "ingest", sequence: 5) }
        #expect(throws: ApplyFailed.self) {
            try database.pool.write { (db: Database) throws in
                try cursors.setLastApplied(db, stream: "ingest", sequence: 6)
                throw ApplyFailed()
            }
        }
        #expect(try database.pool.read { db in try cursors.lastApplied(db, stream: "ingest") } == 5)
    }

    @Test func sequenceBeyondSQLiteRangeIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("cursor.sqlite"))
        #expect(throws: StorageError.sequenceOverflow(field: "follower_cursor.last_applied", value: UInt64.max)) {
            try database.pool.write { (db: Database) throws in
                try FollowerCursorStore().setLastApplied(db, stream: "ingest", sequence: UInt64.max)
            }
        }
    }
}
