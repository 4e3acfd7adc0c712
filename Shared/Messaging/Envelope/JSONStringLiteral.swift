import JSONText

/// Reads one JSON string literal from UTF-8 bytes: the header scanner and ``FastJSONParser`` share it.
///
/// Strict RFC 8259: unescaped control characters, unknown escapes and lone surrogate escapes (`\ud800`) are
/// ``Failure/malformed``; text that is not UTF-8 is ``Failure/invalidUTF8``.
enum JSONStringLiteral {
    enum Failure: Error {
        /// Not a well-formed string literal.
        case malformed
        /// The literal's bytes (or its escapes) are not valid UTF-8.
        case invalidUTF8
    }

    /// The string whose opening quote is at `start`, and the index just after its closing quote.
    static func read(_ buffer: UnsafeRawBufferPointer, openingQuoteAt start: Int) throws(Failure) -> (text: String, end: Int) {
        guard start < buffer.count, buffer[start] == quote else { throw .malformed }
        var index = start + 1
        var ascii = true
        // Fast path: no escapes, the bytes are the text.
        while index < buffer.count {
            let byte = buffer[index]
            if byte == quote {
                guard let text = text(UnsafeRawBufferPointer(rebasing: buffer[(start + 1)..<index]), ascii: ascii) else {
                    throw .invalidUTF8
                }
                return (text, index + 1)
            }
            if byte == backslash { return try readEscaped(buffer, from: start + 1) }
            if byte < 0x20 { throw .malformed }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        throw .malformed
    }

    /// `bytes` as a string, or `nil` if they are not valid UTF-8. (`String(validating:)` takes a slow generic path
    /// for buffers: 17 % of decoding a program event.)
    static func text(_ bytes: UnsafeRawBufferPointer, ascii: Bool = false) -> String? {
        guard ascii || UTF8Validation.firstInvalidOffset(in: bytes) == nil else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// The path for literals with escapes; `from` is just after the opening quote. Runs of plain bytes between escapes
    /// are copied whole (a replay batch embeds every header and body as such a literal: byte-by-byte appends were most
    /// of the cost of reading one), and only a literal with raw non-ASCII bytes is validated as UTF-8 (escapes give
    /// valid UTF-8 by construction).
    private static func readEscaped(_ buffer: UnsafeRawBufferPointer, from start: Int) throws(Failure) -> (text: String, end: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(buffer.count - start, 4096))
        var position = start
        var runStart = start
        var ascii = true
        func copyRun(upTo end: Int) {
            if end > runStart { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[runStart..<end])) }
        }
        while true {
            guard position < buffer.count else { throw .malformed }
            let byte = buffer[position]
            if byte == quote {
                copyRun(upTo: position)
                position += 1
                break
            }
            if byte < 0x20 { throw .malformed }
            guard byte == backslash else {
                if byte >= 0x80 { ascii = false }
                position += 1
                continue
            }
            copyRun(upTo: position)
            position += 1
            guard position < buffer.count else { throw .malformed }
            let escape = buffer[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                let first = try hex4(buffer, at: position)
                position += 4
                var value = first
                if (0xD800...0xDBFF).contains(first) {
                    guard position + 6 <= buffer.count, buffer[position] == backslash, buffer[position + 1] == UInt8(ascii: "u")
                    else { throw .malformed }
                    let second = try hex4(buffer, at: position + 2)
                    guard (0xDC00...0xDFFF).contains(second) else { throw .malformed }
                    position += 6
                    value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(first) {
                    throw .malformed
                }
                guard let scalar = Unicode.Scalar(value) else { throw .malformed }
                bytes.append(contentsOf: scalar.utf8)
            default:
                throw .malformed
            }
            runStart = position
        }
        guard let text = bytes.withUnsafeBytes({ text($0, ascii: ascii) }) else { throw .invalidUTF8 }
        return (text, position)
    }

    private static func hex4(_ buffer: UnsafeRawBufferPointer, at position: Int) throws(Failure) -> UInt32 {
        guard position + 4 <= buffer.count else { throw .malformed }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = buffer[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .malformed
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
