import Contracts
import DocumentConversion
import Domain
import Foundation
import Logging

/// The converter step before extraction: recognises a PDF, DOCX or HTML report by its bytes (magic numbers, not the
/// name), runs the converter subprocess and yields the extracted text as the document's content, with the original
/// file kept for storage. Plain text passes through untouched (``ContentDecoder`` checks it as before).
struct ReportConversion: Sendable {
    /// The subprocess converter; `nil` refuses every convertible file with `conversion_failed`.
    var converter: DocumentConverter?
    /// Largest accepted original file, in bytes (ingest's document limit).
    var maxBytes: Int

    /// A file that needs conversion.
    struct Binary: Sendable {
        /// Detected format (never `.text`).
        var format: DocumentFormat
        /// The submitted bytes.
        var bytes: Data
        /// SHA-256 of `bytes`, lowercase hex (the document's identity).
        var contentHash: String
    }

    /// `nil` for plain text (let ``ContentDecoder`` check it); otherwise the file to convert, or why it is refused.
    func classify(_ request: SubmitDocument) -> Result<Binary, SubmitRejected>? {
        let data: Data
        switch (request.content, request.contentBase64) {
        case let (.some(text), nil):
            guard case .format(let format) = FormatSniffer.sniffPrefix(text.utf8.prefix(FormatSniffer.prefixLength)),
                  format != .text else { return nil }
            data = Data(text.utf8)
        case let (nil, .some(base64)):
            // Sniff the first decoded bytes only; plain text (the common case) is decoded once, by ContentDecoder.
            let head = base64.unicodeScalars.lazy.filter { !" \t\r\n".unicodeScalars.contains($0) }
                .prefix(FormatSniffer.prefixLength / 3 * 4)
            let usable = String(String.UnicodeScalarView(head))
            guard let prefix = Data(base64Encoded: String(usable.prefix(usable.count / 4 * 4))),
                  FormatSniffer.sniffPrefix(prefix) != .format(.text) else { return nil }
            if base64.utf8.count / 4 * 3 > maxBytes * 2 { return .failure(tooLarge(base64.utf8.count / 4 * 3)) }
            let compact = base64.unicodeScalars.filter { !" \t\r\n".unicodeScalars.contains($0) }
            guard let decoded = Data(base64Encoded: String(String.UnicodeScalarView(compact))) else { return nil }
            data = decoded
        default:
            return nil
        }
        if data.count > maxBytes { return .failure(tooLarge(data.count)) }
        let format: DocumentFormat
        switch FormatSniffer.sniff(data) {
        case .format(.text):
            return nil
        case .format(let detected):
            format = detected
        case .otherZip:
            return .failure(rejection(.unsupportedFormat, "a ZIP archive that is not a Word document (no word/document.xml)"))
        case .compoundFile(let encrypted):
            return .failure(encrypted
                ? rejection(.encryptedDocument, "a password-protected Office file; submit an unprotected copy")
                : rejection(.unsupportedFormat, "a legacy Word .doc (OLE) file; save it as .docx or PDF"))
        }
        guard request.kind == .report else {
            if format == .html { return nil }
            return .failure(rejection(.unsupportedFormat, "\(format) files are accepted only as kind report, not \(request.kind)"))
        }
        return .success(Binary(format: format, bytes: data, contentHash: ContentHash.hex(ofBytes: [UInt8](data))))
    }

    /// Converts `binary` in the subprocess; the text becomes the content, the bytes stay its identity.
    func convert(_ binary: Binary, logger: Logger) async -> Result<DecodedContent, SubmitRejected> {
        guard let converter else {
            return .failure(rejection(.conversionFailed, "this ingest does not convert \(binary.format) files"))
        }
        let started = ContinuousClock.now
        let outcome = await converter.convert(binary.bytes, format: binary.format)
        let elapsed = ContinuousClock.now - started
        switch outcome {
        case .failure(let error):
            logger.notice("conversion failed", metadata: [
                "format": "\(binary.format)", "bytes": "\(binary.bytes.count)", "error": "\(error)",
                "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)"])
            return .failure(Self.rejection(for: error))
        case .success(let text):
            logger.info("document converted", metadata: [
                "format": "\(binary.format)", "bytes": "\(binary.bytes.count)", "text_bytes": "\(text.utf8.count)",
                "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)"])
            guard PDFText.hasText(text) else {
                return .failure(rejection(.empty, "the \(binary.format) file holds no text"))
            }
            return .success(DecodedContent(
                text: text, byteCount: binary.bytes.count, contentHash: binary.contentHash,
                original: OriginalDocument(format: binary.format, bytes: binary.bytes)))
        }
    }

    /// The typed rejection for a conversion error.
    static func rejection(for error: ConversionError) -> SubmitRejected {
        SubmitRejected(
            code: RejectionCode(error), message: error.description,
            problems: [RejectionProblem(message: error.description, field: "contentBase64")])
    }

    private func rejection(_ code: RejectionCode, _ message: String) -> SubmitRejected {
        SubmitRejected(code: code, message: message, problems: [RejectionProblem(message: message, field: "contentBase64")])
    }

    private func tooLarge(_ count: Int) -> SubmitRejected {
        SubmitRejected(
            code: .tooLarge, message: "document of \(count) bytes exceeds the limit of \(maxBytes) bytes",
            problems: [RejectionProblem(message: "document too large", field: "content", limit: "\(maxBytes) bytes")])
    }
}
