import Domain
import Foundation

/// What the first bytes of a document say it is.
public enum SniffedFormat: Sendable, Hashable {
    /// One of the formats ingest converts (or plain text).
    case format(DocumentFormat)
    /// A ZIP archive that is not a Word document (no `word/document.xml`).
    case otherZip
    /// An OLE compound file: a legacy Word `.doc`, or an encrypted (password-protected) Office file.
    case compoundFile(encrypted: Bool)
}

/// Detects a document's format from its bytes (magic numbers), never from its name.
public enum FormatSniffer {
    /// How many leading bytes ``sniffPrefix(_:)`` looks at.
    public static let prefixLength = 1024

    /// The format suggested by the first bytes: `%PDF-` → PDF; `PK\u{3}\u{4}` → ZIP (DOCX candidate; confirm with
    /// ``isWordArchive(_:)``); `D0 CF 11 E0` → OLE compound file; `<!doctype html` / `<html` (case-insensitive,
    /// after white space and a byte-order mark) → HTML; anything else → text.
    public static func sniffPrefix(_ prefix: some Collection<UInt8>) -> SniffedFormat {
        let bytes = Array(prefix.prefix(prefixLength))
        if bytes.starts(with: Array("%PDF-".utf8)) { return .format(.pdf) }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .format(.docx) }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compoundFile(encrypted: false) }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[index]) { index += 1 }
        let rest = String(decoding: bytes[index...].prefix(14), as: UTF8.self).lowercased()
        if rest.hasPrefix("<!doctype html") || rest.hasPrefix("<html") { return .format(.html) }
        return .format(.text)
    }

    /// The format of complete `data`: the prefix verdict, with ZIP archives confirmed as Word documents (the name
    /// `word/document.xml` appears in their directory) and compound files checked for an `EncryptedPackage` stream.
    public static func sniff(_ data: Data) -> SniffedFormat {
        switch sniffPrefix(data.prefix(prefixLength)) {
        case .format(.docx):
            return isWordArchive(data) ? .format(.docx) : .otherZip
        case .compoundFile:
            let name = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return .compoundFile(encrypted: data.range(of: name) != nil)
        case let other:
            return other
        }
    }

    /// Whether the ZIP `data` names a `word/document.xml` entry.
    public static func isWordArchive(_ data: Data) -> Bool {
        data.range(of: Data("word/document.xml".utf8)) != nil
    }
}
