import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

/// One service's SQLite database: a GRDB `DatabasePool` in WAL mode with `synchronous = FULL`
/// (a committed transaction is on disk before the commit returns), a busy timeout and foreign keys on.
///
/// Opening runs ``StorageSchema``'s migrations (`stream_log`, `follower_cursor`) and then the caller's own
/// migrator. Each service owns exactly one database; no service opens another's.
public final class KechuangDatabase: Sendable {
    /// The underlying pool: use `write`/`read`, or hand it to a ``GroupCommitter``.
    public let pool: DatabasePool
    /// Absolute path of the database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it.
    ///
    /// - Parameters:
    ///   - path: database file path; its directory must exist.
    ///   - migrator: the service's own migrations, applied after the Storage tables.
    ///   - options: busy timeout and reader count.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be opened or a migration fails.
    public init(path: String, migrator: DatabaseMigrator = DatabaseMigrator(), options: DatabaseOptions = DatabaseOptions()) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(options.busyTimeoutSeconds)
        configuration.maximumReaderCount = max(1, options.maximumReaderCount)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        // Create a new database file 0600 whatever the umask; SQLite gives its -wal and -shm files the database
        // file's mode, so all three are private to the service's user.
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB switches the writer to `synchronous = NORMAL` when it enables WAL, after `prepareDatabase` ran;
        // restore FULL on the (single, long-lived) writer connection so every commit is fsynced.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try StorageSchema.migrator.migrate(pool)
        try migrator.migrate(pool)
        self.pool = pool
        self.path = path
    }

    /// The journal mode reported by SQLite (expected `"wal"`).
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// The writer connection's `synchronous` level (2 means `FULL`).
    public func synchronousLevel() throws -> Int {
        try pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Closes every connection. Further use of ``pool`` throws.
    public func close() throws {
        try pool.close()
    }
}
