/// A submitted document's content after the transport checks: valid UTF-8 within the size limit, not empty.
struct DecodedContent: Sendable, Hashable {
    /// The text exactly as submitted.
    var text: String
    /// Its size in UTF-8 bytes.
    var byteCount: Int
    /// SHA-256 of the UTF-8 bytes, lowercase hex (the document's identity); for a converted document, of the
    /// original file's bytes.
    var contentHash: String
    /// For a converted PDF/DOCX/HTML report: the original file (`text` is then the extracted text).
    var original: OriginalDocument? = nil

    /// The stable document id derived from the content hash: `doc-` and the first 16 hex digits.
    var documentID: String { Self.documentID(contentHash: contentHash) }

    /// The id of the document whose content hash is `contentHash`: `doc-` and its first 16 hex digits.
    static func documentID(contentHash: String) -> String { "doc-" + contentHash.prefix(16) }

    /// The text without a leading byte-order mark (spreadsheet exports often start with one).
    var parsableText: Substring {
        text.first == "\u{FEFF}" ? text.dropFirst() : text[...]
    }
}
