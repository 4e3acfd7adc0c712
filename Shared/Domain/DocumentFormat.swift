/// The file format a submitted report arrived in. Ingest detects it from the content (magic bytes), not the name.
public enum DocumentFormat: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Plain UTF-8 text (stored as submitted).
    case text
    /// PDF (`%PDF-`), converted with poppler's `pdftotext -layout`.
    case pdf
    /// Word 2007+ (`PK\u{3}\u{4}` ZIP holding `word/document.xml`): paragraphs and tables.
    case docx
    /// An HTML page (`<!doctype html` or `<html` after white space / BOM): article text and tables.
    case html

    /// The format's name, as written on the wire.
    public var description: String { rawValue }
}
