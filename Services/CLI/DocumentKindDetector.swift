import Contracts
import DocumentConversion
import Foundation

/// Tells which ``DocumentKind`` a file holds, from its extension and (for CSV) its header or (for JSON) its first
/// object: `.txt`/`.md` → report; `.csv` → subjects when the header starts with `kind,id,name`, else filing;
/// `.json` (array) / `.jsonl` → filing when objects carry `creditCode`, `year` and `operatingRevenue`, subjects when
/// they carry `kind`, `id` and `values`, events when they carry `type` and `date`. Whatever the name, a PDF, Word
/// (DOCX) or HTML file — recognised by its magic bytes — is a report (ingest converts it); so are `.pdf`, `.docx`,
/// `.html` and `.htm` files.
enum DocumentKindDetector {
    /// Extensions a folder feed picks up.
    static let knownExtensions: Set<String> = ["txt", "md", "csv", "json", "jsonl", "ndjson", "pdf", "docx", "html", "htm"]

    /// Detects the kind of `content` read from `path`.
    /// - Throws: ``CLIError/unknownKind(path:reason:)`` naming what was found.
    static func detect(path: String, content: Data) throws -> DocumentKind {
        let ext = (path as NSString).pathExtension.lowercased()
        switch FormatSniffer.sniffPrefix(content.prefix(FormatSniffer.prefixLength)) {
        case .format(.pdf), .format(.docx), .format(.html): return .report
        default: break
        }
        switch ext {
        case "txt", "md", "pdf", "docx", "html", "htm": return .report
        case "csv": return isSubjectHeader(content) ? .subjects : .filing
        case "jsonl", "ndjson":
            guard let line = firstNonEmptyLine(content) else {
                throw CLIError.unknownKind(path: path, reason: "empty file")
            }
            return try kind(ofObjectIn: Data(line.utf8), path: path)
        case "json":
            guard let value = try? JSONSerialization.jsonObject(with: content, options: [.fragmentsAllowed]) else {
                // A .json file holding JSON lines is common; try its first line.
                if let line = firstNonEmptyLine(content) {
                    return try kind(ofObjectIn: Data(line.utf8), path: path)
                }
                throw CLIError.unknownKind(path: path, reason: "not valid JSON")
            }
            if let array = value as? [Any] {
                guard let first = array.first as? [String: Any] else {
                    throw CLIError.unknownKind(path: path, reason: "a JSON array without objects")
                }
                return try kind(ofKeys: Set(first.keys), path: path)
            }
            if let object = value as? [String: Any] {
                return try kind(ofKeys: Set(object.keys), path: path)
            }
            throw CLIError.unknownKind(path: path, reason: "JSON is neither an array nor an object")
        default:
            throw CLIError.unknownKind(path: path, reason: ext.isEmpty ? "no file extension" : "extension .\(ext)")
        }
    }

    /// The kind an object with `keys` belongs to.
    static func kind(ofKeys keys: Set<String>, path: String) throws -> DocumentKind {
        if keys.isSuperset(of: ["creditCode", "year", "operatingRevenue"]) { return .filing }
        if keys.isSuperset(of: ["kind", "id", "values"]) { return .subjects }
        if keys.isSuperset(of: ["type", "date"]) { return .events }
        throw CLIError.unknownKind(
            path: path,
            reason: "objects with keys \(keys.sorted().prefix(6).joined(separator: ", ")) are neither filings, subject records nor events")
    }

    /// Whether CSV `content` starts (after an optional byte-order mark and blank lines) with a subject-record header:
    /// its first three columns are `kind`, `id`, `name`.
    static func isSubjectHeader(_ content: Data) -> Bool {
        let bom = Data([0xEF, 0xBB, 0xBF])
        guard let line = firstNonEmptyLine(content.starts(with: bom) ? content.dropFirst(3) : content) else { return false }
        let columns = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).prefix(3)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"")) }
        return columns == ["kind", "id", "name"]
    }

    private static func kind(ofObjectIn data: Data, path: String) throws -> DocumentKind {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw CLIError.unknownKind(path: path, reason: "first line is not a JSON object")
        }
        return try kind(ofKeys: Set(object.keys), path: path)
    }

    private static func firstNonEmptyLine(_ content: Data) -> String? {
        // Only the first line is needed: avoid decoding a whole large file.
        var line: [UInt8] = []
        for byte in content {
            if byte == 0x0A {
                if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { break }
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(byte)
            }
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
