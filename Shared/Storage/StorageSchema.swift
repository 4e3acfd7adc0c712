import GRDB

/// The tables the `Storage` module owns inside every service database: `stream_log` and `follower_cursor`.
///
/// Migration identifiers are prefixed `kechuang.storage.` so they never collide with a service's own migrations,
/// which run afterwards from the caller's `DatabaseMigrator` (GRDB tolerates identifiers unknown to a migrator).
public enum StorageSchema {
    /// Name of the stream log table.
    public static let streamLogTable = "stream_log"
    /// Name of the follower cursor table.
    public static let followerCursorTable = "follower_cursor"

    /// A migrator holding only the `Storage` module's own migrations.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        registerMigrations(in: &migrator)
        return migrator
    }

    /// Registers the `Storage` module's migrations in `migrator` (for callers that prefer one combined migrator).
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("kechuang.storage.v1") { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS stream_log (
                    sequence INTEGER PRIMARY KEY NOT NULL CHECK (sequence > 0),
                    topic TEXT NOT NULL,
                    header BLOB NOT NULL,
                    body BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX IF NOT EXISTS stream_log_created_at ON stream_log(created_at);
                CREATE TABLE IF NOT EXISTS follower_cursor (
                    stream TEXT PRIMARY KEY NOT NULL,
                    last_applied INTEGER NOT NULL CHECK (last_applied >= 0)
                );
                """)
        }
    }
}
