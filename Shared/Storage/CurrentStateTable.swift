import Foundation
import GRDB
import Messaging

/// A state stream's table of current entries (the latest published frames per key: metrics' `metric_value`,
/// scoring's `scoring_current`), read as snapshot pages. The table has the columns `topic`, `sequence`, `header`,
/// `body` and an ordering key column (unique, the page cursor).
public struct CurrentStateTable: Sendable {
    /// Table name.
    public let table: String
    /// The unique column pages are ordered and continued by.
    public let keyColumn: String

    /// Describes `table`, paged by `keyColumn`.
    public init(table: String, keyColumn: String) {
        self.table = table
        self.keyColumn = keyColumn
    }

    /// One page of the entries whose topic starts with `prefix`, after `cursor` in key order, at most `limit`
    /// (at least 1), with the cursor of the next page when there is one.
    public func page(
        _ db: Database, prefix: String, cursor: String?, limit: Int
    ) throws -> (entries: [ReplayEntry], hasMore: Bool, cursor: String?) {
        let limit = max(1, limit)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(keyColumn) AS page_key, topic, sequence, header, body FROM \(table)
                WHERE substr(topic, 1, ?) = ? AND \(keyColumn) > ?
                ORDER BY \(keyColumn) LIMIT ?
                """,
            arguments: [prefix.unicodeScalars.count, prefix, cursor ?? "", limit + 1])
        let page = rows.prefix(limit)
        let entries = page.map { row -> ReplayEntry in
            let sequence: Int64 = row["sequence"]
            let header: Data = row["header"]
            let body: Data = row["body"]
            return ReplayEntry(
                sequence: UInt64(max(0, sequence)), topic: row["topic"],
                header: String(decoding: header, as: UTF8.self), body: String(decoding: body, as: UTF8.self))
        }
        let hasMore = rows.count > limit
        return (entries, hasMore, hasMore ? page.last.map { $0["page_key"] } : nil)
    }
}
