import Foundation
import GRDB
import Testing
@testable import Storage

@Suite struct KechuangDatabaseTests {
    @Test func opensInWALModeWithSynchronousFull() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try KechuangDatabase(path: directory.file("db.sqlite"))
        #expect(try database.journalMode() == "wal")
        #expect(try database.synchronousLevel() == 2)
        let foreignKeys = try database.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
        try database.close()
    }

    @Test func runsStorageAndCallerMigrationsAndReopens() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var migrator = DatabaseMigrator()
        migrator.registerMigration("ingest.v1") { db in
            try db.execute(sql: "CREATE TABLE document (id INTEGER PRIMARY KEY, content TEXT NOT NULL)")
        }
        let path = directory.file("db.sqlite")
        let first = try KechuangDatabase(path: path, migrator: migrator)
        let tables = try first.pool.read { (db: Database) throws in
            try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables.isSuperset(of: ["stream_log", "follower_cursor", "document"]))
        try first.pool.write { (db: Database) throws in
            try db.execute(sql: "INSERT INTO document (content) VALUES ('张家港')")
            try StreamLogStore().append(db, topic: "ingest.document", header: Data("h".utf8), body: Data("b".utf8))
        }
        try first.close()

        // Reopening re-runs both migrators without error and sees everything committed.
        let second = try KechuangDatabase(path: path, migrator: migrator)
        let contents = try second.pool.read { db in try String.fetchAll(db, sql: "SELECT content FROM document") }
        #expect(contents == ["张家港"])
        #expect(try second.pool.read { db in try StreamLogStore().head(db) } == 1)
        try second.close()
    }
}
