import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// Binds the parameters of a prepared (cached) statement straight through SQLite's `sqlite3_bind_*` and runs it to
/// completion: for hot `INSERT`s executed thousands of times per transaction, where GRDB's `StatementArguments`
/// (an array of boxed values, then nested `withBindings` closures) cost about as much as SQLite's own work
/// (`perf record` of the metrics catch-up, docs/performance.md "## Metrics").
///
/// It bypasses GRDB's statement bookkeeping (transaction observers, the authorizer): use it only for plain
/// `INSERT`/`UPDATE` statements inside a transaction GRDB opened, on a database with no transaction observers.
/// Strings and blobs are copied by SQLite (`SQLITE_TRANSIENT`); parameters not bound stay `NULL`.
///
/// ```swift
/// try StatementBinder.execute(db.cachedStatement(sql: "INSERT INTO t (a, b) VALUES (?, ?)"), in: db) { binder in
///     binder.bind(Int64(1))
///     binder.bind(body)
/// }
/// ```
public struct StatementBinder {
    private let handle: OpaquePointer
    private var index: Int32 = 1
    private var failure: Int32 = SQLITE_OK

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// SQLite copies the bytes before the bind call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Binds the next parameter to an integer.
    public mutating func bind(_ value: Int64) {
        note(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds the next parameter to a text (an empty string stays a text, not `NULL`). Like GRDB, which binds a
    /// C string, the text ends at its first NUL character, if any.
    public mutating func bind(_ value: String) {
        var text = value
        let handle = handle
        let index = index
        let code = text.withUTF8 { bytes -> Int32 in
            let length = bytes.firstIndex(of: 0) ?? bytes.count
            guard let base = bytes.baseAddress, length > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: length) {
                sqlite3_bind_text(handle, index, $0, Int32(length), Self.transient)
            }
        }
        note(code)
    }

    /// Binds the next parameter to a blob (an empty one stays a blob, not `NULL`).
    public mutating func bind(_ value: Data) {
        let handle = handle
        let index = index
        let code = value.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return sqlite3_bind_blob(handle, index, base, Int32(bytes.count), Self.transient)
        }
        note(code)
    }

    /// Binds the next parameter to `NULL`.
    public mutating func bindNull() {
        note(sqlite3_bind_null(handle, index))
    }

    private mutating func note(_ code: Int32) {
        if code != SQLITE_OK, failure == SQLITE_OK { failure = code }
        index += 1
    }

    /// Resets `statement`, binds its parameters in order with `bind`, and steps it until done.
    /// - Throws: GRDB's `DatabaseError` with SQLite's code and message when a bind or the step fails (e.g. a
    ///   constraint); the statement is reset either way.
    public static func execute(_ statement: Statement, in db: Database, bind: (inout StatementBinder) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        var binder = StatementBinder(handle: handle)
        bind(&binder)
        guard binder.failure == SQLITE_OK else {
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: binder.failure), message: message(db), sql: statement.sql)
        }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        if code != SQLITE_DONE {
            let text = message(db)
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: text, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }

    private static func message(_ db: Database) -> String? {
        guard let connection = db.sqliteConnection, let text = sqlite3_errmsg(connection) else { return nil }
        return String(cString: text)
    }
}
