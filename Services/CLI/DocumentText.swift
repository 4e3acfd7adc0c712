import Contracts
import DocumentConversion
import Domain
import Foundation

/// The text of a report file for `kechuang extract`: plain UTF-8 as it is; a PDF, DOCX or HTML file (recognised by
/// its bytes, not its name) converted the way ingest converts it: in a subprocess (this executable's
/// `convert-document` mode, ``ConversionChild``), with ingest's default limits (size, PDF pages, timeout).
enum DocumentText {
    /// Ingest's default caps: 16 MiB file and text, 300 PDF pages, 30 s.
    static let limits = ConversionLimits()

    /// The file's text, or a typed error naming the file.
    static func read(_ path: String, limits: ConversionLimits = limits) async throws(CLIError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "no such file or not readable")
        }
        let format: DocumentFormat
        switch FormatSniffer.sniff(data) {
        case .format(.text):
            guard let text = String(validating: data, as: UTF8.self) else {
                throw .unreadable(path: path, reason: "not valid UTF-8")
            }
            return text
        case .format(let detected):
            format = detected
        case .otherZip:
            throw .conversion(path: path, code: .unsupportedFormat,
                              reason: "a ZIP archive that is not a Word document (no word/document.xml)")
        case .compoundFile(let encrypted):
            throw encrypted
                ? .conversion(path: path, code: .encryptedDocument, reason: "a password-protected Office file")
                : .conversion(path: path, code: .unsupportedFormat, reason: "a legacy Word .doc (OLE) file; save it as .docx or PDF")
        }
        if data.count > limits.maxTextBytes {
            throw .conversion(path: path, code: .tooLarge,
                              reason: "\(data.count) bytes exceed the limit of \(limits.maxTextBytes) bytes")
        }
        let converter = DocumentConverter(executable: DocumentConverter.currentExecutable(), limits: limits)
        switch await converter.convert(data, format: format) {
        case .success(let text):
            guard PDFText.hasText(text) else { throw .conversion(path: path, code: .empty, reason: "the \(format) file holds no text") }
            return text
        case .failure(let error):
            throw .conversion(path: path, code: RejectionCode(error), reason: error.description)
        }
    }
}
