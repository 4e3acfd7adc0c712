import GRDB

/// A SQL condition selecting the rows whose text column starts with a prefix, written so that SQLite can answer it
/// from an index on the column.
///
/// `substr(topic, 1, n) = ?` reads every row (no index can serve an expression), and on the scoring stream log a
/// subject's history was a scan of the whole log: ≈ 95 ms at 8 000 enterprises, growing with every entry
/// (docs/performance.md). Under SQLite's default `BINARY` collation (byte order of UTF-8) the rows starting with a
/// prefix whose last byte is ASCII are exactly those in `[prefix, prefix with that byte + 1)`, a range an index on the
/// column serves. Other prefixes keep the `substr` test, after a lower bound.
public struct TopicPrefixCondition: Sendable {
    /// The condition, with `?` placeholders (parenthesised).
    public let sql: String
    /// Its arguments, in order.
    public let arguments: StatementArguments

    /// The condition "`column` starts with `prefix`" (true for an empty prefix).
    public init(column: String, prefix: String) {
        let bytes = Array(prefix.utf8)
        guard let last = bytes.last else {
            sql = "(1)"
            arguments = []
            return
        }
        if last < 0x7F {
            let upper = String(decoding: bytes.dropLast() + [last + 1], as: UTF8.self)
            sql = "(\(column) >= ? AND \(column) < ?)"
            arguments = [prefix, upper]
        } else {
            sql = "(\(column) >= ? AND substr(\(column), 1, ?) = ?)"
            arguments = [prefix, prefix.unicodeScalars.count, prefix]
        }
    }
}
