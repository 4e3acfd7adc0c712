/// Why a document could not be turned into text. Each case maps to one typed ingest rejection.
public enum ConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A PDF whose pages carry no text (a scan without OCR).
    case noTextLayer(pages: Int)
    /// The file is damaged or not what its magic bytes claim.
    case corrupt(format: DocumentFormat, reason: String)
    /// The file is password-protected (encrypted).
    case encrypted(format: DocumentFormat)
    /// A PDF with more pages than allowed.
    case tooManyPages(limit: Int)
    /// The extracted text is larger than allowed.
    case outputTooLarge(limit: Int)
    /// The converter did not finish in time (it was killed).
    case timedOut(format: DocumentFormat, milliseconds: Int)
    /// The converter could not run or died (e.g. `pdftotext` missing, killed by a signal).
    case converterFailed(format: DocumentFormat, reason: String)
    /// A format ingest does not convert (legacy `.doc`, a ZIP that is not a Word document …).
    case unsupported(reason: String)

    /// A sentence for people.
    public var description: String {
        switch self {
        case .noTextLayer(let pages):
            "the PDF has no text layer (\(pages) page\(pages == 1 ? "" : "s") of images, e.g. a scan): run OCR first"
        case let .corrupt(format, reason): "the \(format) file is corrupt: \(reason)"
        case .encrypted(let format): "the \(format) file is password-protected; submit an unprotected copy"
        case .tooManyPages(let limit): "the PDF has more than \(limit) pages"
        case .outputTooLarge(let limit): "the extracted text exceeds \(limit) bytes"
        case let .timedOut(format, milliseconds): "converting the \(format) file took longer than \(milliseconds) ms"
        case let .converterFailed(format, reason): "the \(format) converter failed: \(reason)"
        case .unsupported(let reason): "unsupported format: \(reason)"
        }
    }
}
