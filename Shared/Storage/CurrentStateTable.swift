import Foundation
import GRDB
import Messaging

/// A state stream's table of current entries (the latest published entry per key: metrics' `metric_value`,
/// scoring's `scoring_current`), read as snapshot pages. The table has the columns `topic`, `sequence` and an ordering
/// key column (unique, the page cursor); the entry's frames are either columns of its own or the stream log's entry
/// at `sequence` (``FrameSource``).
public struct CurrentStateTable: Sendable {
    /// Where a current entry's header and body frames are stored.
    public enum FrameSource: Sendable, Equatable {
        /// In the table's own `header` and `body` columns (a copy of the logged frames).
        case columns
        /// In the `stream_log` entry at the row's `sequence`: the table holds no copy, so every current row's entry
        /// must stay in the log (a table read this way belongs to a stream whose log is never pruned). A row whose
        /// entry is missing, or holds another topic, is an error (``StorageError/currentEntryMissing(table:topic:sequence:)``),
        /// never a silent gap in a snapshot.
        case streamLog
    }

    /// Table name.
    public let table: String
    /// The unique column pages are ordered and continued by.
    public let keyColumn: String
    /// Where the frames are.
    public let frames: FrameSource

    /// Describes `table`, paged by `keyColumn`, with its frames in `frames`.
    public init(table: String, keyColumn: String, frames: FrameSource = .columns) {
        self.table = table
        self.keyColumn = keyColumn
        self.frames = frames
    }

    /// The `SELECT … FROM` reading the current rows' `page_key`, `topic`, `sequence`, `header` and `body` (the table is
    /// aliased `current_row`), for a `WHERE` to follow.
    private var selection: String {
        switch frames {
        case .columns:
            return """
                SELECT current_row.\(keyColumn) AS page_key, current_row.topic, current_row.sequence, current_row.header, current_row.body
                FROM \(table) AS current_row
                """
        case .streamLog:
            return """
                SELECT current_row.\(keyColumn) AS page_key, current_row.topic, current_row.sequence, log.header, log.body
                FROM \(table) AS current_row LEFT JOIN \(StorageSchema.streamLogTable) AS log
                    ON log.sequence = current_row.sequence AND log.topic = current_row.topic
                """
        }
    }

    /// One page of the entries whose topic starts with `prefix`, after `cursor` in key order, at most `limit`
    /// (at least 1), with the cursor of the next page when there is one.
    public func page(
        _ db: Database, prefix: String, cursor: String?, limit: Int
    ) throws -> (entries: [ReplayEntry], hasMore: Bool, cursor: String?) {
        let limit = max(1, limit)
        let condition = TopicPrefixCondition(column: "current_row.topic", prefix: prefix)
        let rows = try Row.fetchAll(
            db,
            sql: """
                \(selection)
                WHERE \(condition.sql) AND current_row.\(keyColumn) > ?
                ORDER BY current_row.\(keyColumn) LIMIT ?
                """,
            arguments: condition.arguments + [cursor ?? "", limit + 1])
        let page = rows.prefix(limit)
        let entries = try page.map { row -> ReplayEntry in
            let (header, body) = try frames(of: row)
            return ReplayEntry(
                sequence: sequence(of: row), topic: row["topic"],
                header: String(decoding: header, as: UTF8.self), body: String(decoding: body, as: UTF8.self))
        }
        let hasMore = rows.count > limit
        return (entries, hasMore, hasMore ? page.last.map { $0["page_key"] } : nil)
    }

    /// The body frames of the current entries whose topic starts with `prefix`, in topic order.
    public func bodies(_ db: Database, prefix: String) throws -> [Data] {
        let condition = TopicPrefixCondition(column: "current_row.topic", prefix: prefix)
        return try Row.fetchAll(
            db, sql: "\(selection) WHERE \(condition.sql) ORDER BY current_row.topic", arguments: condition.arguments
        ).map { try frames(of: $0).body }
    }

    /// The body frame of the current entry of `topic`, if there is one.
    public func body(_ db: Database, topic: String) throws -> Data? {
        try Row.fetchOne(db, sql: "\(selection) WHERE current_row.topic = ?", arguments: [topic]).map { try frames(of: $0).body }
    }

    private func sequence(of row: Row) -> UInt64 {
        let sequence: Int64 = row["sequence"]
        return UInt64(max(0, sequence))
    }

    /// A selected row's header and body frames.
    /// - Throws: ``StorageError/currentEntryMissing(table:topic:sequence:)`` when the log has no such entry.
    private func frames(of row: Row) throws -> (header: Data, body: Data) {
        guard let header: Data = row["header"], let body: Data = row["body"] else {
            throw StorageError.currentEntryMissing(table: table, topic: row["topic"], sequence: sequence(of: row))
        }
        return (header, body)
    }
}
