import Contracts
import Foundation
import GRDB

/// One row of ingest's `documents` table (without the content), as read back for duplicate checks and
/// ``GetDocumentReply``; not a wire message.
struct DocumentRow: Sendable, Hashable {
    /// Document id (`doc-…`).
    var id: String
    /// Kind.
    var kind: DocumentKind
    /// Name given at submission.
    var name: String?
    /// SHA-256 hex of the content.
    var contentHash: String
    /// When it was accepted, ms since the epoch.
    var receivedAt: Int64
    /// First ingest sequence it produced.
    var firstSequence: UInt64
    /// Last ingest sequence it produced.
    var lastSequence: UInt64
    /// What was recorded.
    var counts: [String: Int]

    /// Reads a row selected with the columns of ``IngestStore/documentColumns``.
    init(row: Row) throws {
        id = row["id"]
        let kindText: String = row["kind"]
        guard let kind = DocumentKind(rawValue: kindText) else {
            throw IngestStoreError.corruptRow(table: "documents", id: row["id"], reason: "unknown kind \(kindText)")
        }
        self.kind = kind
        name = row["name"]
        contentHash = row["content_hash"]
        receivedAt = row["received_at"]
        let first: Int64 = row["first_seq"]
        let last: Int64 = row["last_seq"]
        firstSequence = UInt64(max(0, first))
        lastSequence = UInt64(max(0, last))
        let countsText: String = row["counts"]
        counts = (try? JSONDecoder().decode([String: Int].self, from: Data(countsText.utf8))) ?? [:]
    }
}
