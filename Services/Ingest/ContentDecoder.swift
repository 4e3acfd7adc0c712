import Contracts
import Foundation

/// The first checks of every submission, before the kind-specific parser: exactly one of `content` /
/// `contentBase64`, valid base64, the size limit, valid UTF-8 (naming the byte offset), not empty.
enum ContentDecoder {
    /// The checked content, or the typed rejection.
    static func decode(_ request: SubmitDocument, maxBytes: Int) -> Result<DecodedContent, SubmitRejected> {
        switch (request.content, request.contentBase64) {
        case (nil, nil):
            return .failure(SubmitRejected(
                code: .badContent, message: "no content: set exactly one of content and contentBase64",
                problems: [RejectionProblem(message: "content and contentBase64 are both absent", field: "content")]))
        case (.some, .some):
            return .failure(SubmitRejected(
                code: .badContent, message: "both content and contentBase64 are set; send exactly one",
                problems: [RejectionProblem(message: "set only one of content / contentBase64", field: "contentBase64")]))
        case let (.some(text), nil):
            let count = text.utf8.count
            if let tooLarge = sizeRejection(count, maxBytes: maxBytes) { return .failure(tooLarge) }
            return checkedText(text, byteCount: count)
        case let (nil, .some(base64)):
            // Base64 is 4/3 of the bytes: refuse what clearly cannot fit before decoding anything.
            if base64.utf8.count / 4 * 3 > maxBytes * 2,
               let tooLarge = sizeRejection(base64.utf8.count / 4 * 3, maxBytes: maxBytes) {
                return .failure(tooLarge)
            }
            // Line breaks and spaces (MIME-style wrapping) are allowed; any other stray character is an error.
            let compact = base64.unicodeScalars.filter { !" \t\r\n".unicodeScalars.contains($0) }
            guard let data = Data(base64Encoded: String(String.UnicodeScalarView(compact))) else {
                return .failure(SubmitRejected(
                    code: .badContent, message: "contentBase64 is not valid base64 (RFC 4648)",
                    problems: [RejectionProblem(message: "not valid base64", field: "contentBase64")]))
            }
            if let tooLarge = sizeRejection(data.count, maxBytes: maxBytes) { return .failure(tooLarge) }
            let invalid: (Int, TextPosition)? = data.withUnsafeBytes { raw in
                UTF8Validator.firstInvalidOffset(in: raw).map { ($0, UTF8Validator.position(of: $0, in: raw)) }
            }
            if let (offset, position) = invalid {
                return .failure(SubmitRejected(
                    code: .invalidUTF8, message: "content is not valid UTF-8: bad byte at offset \(offset)",
                    problems: [RejectionProblem(
                        message: "invalid UTF-8 sequence at byte offset \(offset)", line: position.line,
                        column: position.column, field: "contentBase64")]))
            }
            return checkedText(String(decoding: data, as: UTF8.self), byteCount: data.count)
        }
    }

    private static func sizeRejection(_ count: Int, maxBytes: Int) -> SubmitRejected? {
        guard count > maxBytes else { return nil }
        return SubmitRejected(
            code: .tooLarge, message: "document of \(count) bytes exceeds the limit of \(maxBytes) bytes",
            problems: [RejectionProblem(message: "document too large", field: "content", limit: "\(maxBytes) bytes")])
    }

    private static func checkedText(_ text: String, byteCount: Int) -> Result<DecodedContent, SubmitRejected> {
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0 == "\u{FEFF}" }) {
            return .failure(SubmitRejected(
                code: .empty, message: byteCount == 0 ? "the document is empty" : "the document holds only white space",
                problems: [RejectionProblem(message: "no content", field: "content")]))
        }
        return .success(DecodedContent(text: text, byteCount: byteCount, contentHash: ContentHash.hex(of: text)))
    }
}
