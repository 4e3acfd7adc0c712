import Contracts

/// A checked, parsed document with its events, ready to store in one transaction.
struct PreparedDocument: Sendable, Hashable {
    /// Stable id (from the content hash).
    var documentID: String
    /// The kind.
    var kind: DocumentKind
    /// Name given at submission.
    var name: String?
    /// The content.
    var content: DecodedContent
    /// For reports: the default year.
    var reportYear: Int?
    /// The events, `DocumentStored` first.
    var events: [PreparedEvent]
    /// What was recorded (`observations`, `matched`, `filings`, `enterprises`, `events`, `subjects`, `kinds`).
    var counts: [String: Int]
    /// Non-fatal remarks.
    var warnings: [String]
}
