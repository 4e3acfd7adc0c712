import Domain
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The text of a Word 2007+ document (`word/document.xml`): one line per paragraph (`w:p`, with `w:br` as a line
/// break), tables as ``TableLines`` describes (a cell's paragraphs joined by spaces).
public enum DOCXText {
    /// The text of the DOCX in `data`.
    /// - Parameter maxXMLBytes: the largest uncompressed `word/document.xml` read (a ZIP bomb stops here).
    /// - Throws: ``ConversionError/corrupt(format:reason:)`` for an unreadable archive or XML,
    ///   ``ConversionError/outputTooLarge(limit:)`` past `maxXMLBytes`.
    public static func text(of data: Data, maxXMLBytes: Int) throws(ConversionError) -> String {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .corrupt(format: .docx, reason: "not a readable ZIP archive (\(error))")
        }
        guard let entry = archive["word/document.xml"] else {
            throw .corrupt(format: .docx, reason: "the archive holds no word/document.xml")
        }
        if entry.uncompressedSize > UInt64(maxXMLBytes) { throw .outputTooLarge(limit: maxXMLBytes) }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                xml.append(chunk)
                if xml.count > maxXMLBytes { throw ConversionError.outputTooLarge(limit: maxXMLBytes) }
            }
        } catch let error as ConversionError {
            throw error
        } catch {
            throw .corrupt(format: .docx, reason: "word/document.xml cannot be decompressed (\(error))")
        }
        let reader = DocumentXMLReader()
        let parser = XMLParser(data: xml)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else {
            throw .corrupt(
                format: .docx,
                reason: "word/document.xml is not well-formed XML (line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "parse error"))")
        }
        return reader.lines.joined(separator: "\n") + "\n"
    }
}

/// SAX reader of WordprocessingML body text.
private final class DocumentXMLReader: NSObject, XMLParserDelegate {
    struct Table {
        var rows: [[String]] = []
        var cell: [String]? = nil
    }

    var lines: [String] = []
    private var paragraph: String? = nil
    private var inText = false
    private var tables: [Table] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "w:p": paragraph = ""
        case "w:t": inText = true
        case "w:tab": paragraph? += " "
        case "w:br", "w:cr": lineBreak()
        case "w:tbl": tables.append(Table())
        case "w:tr": if !tables.isEmpty { tables[tables.count - 1].rows.append([]) }
        case "w:tc": if !tables.isEmpty { tables[tables.count - 1].cell = [] }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "w:t": inText = false
        case "w:p":
            lineBreak()
            paragraph = nil
        case "w:tc":
            guard var table = tables.popLast() else { return }
            let text = (table.cell ?? []).filter { !$0.isEmpty }.joined(separator: " ")
            if table.rows.isEmpty { table.rows.append([]) }
            table.rows[table.rows.count - 1].append(text)
            table.cell = nil
            tables.append(table)
        case "w:tbl":
            guard let table = tables.popLast() else { return }
            emit(TableLines.lines(table.rows))
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { paragraph? += string }
    }

    /// Ends the current line of the paragraph (a `w:br` or the paragraph's end).
    private func lineBreak() {
        guard let text = paragraph else { return }
        paragraph = ""
        emit([text.trimmingSpaces()], keepEmpty: true)
    }

    private func emit(_ produced: [String], keepEmpty: Bool = false) {
        if tables.isEmpty {
            lines.append(contentsOf: keepEmpty ? produced : produced.filter { !$0.isEmpty })
        } else if tables[tables.count - 1].cell != nil {
            tables[tables.count - 1].cell?.append(contentsOf: produced)
        }
    }
}
