import JSONText

/// Where the first bad UTF-8 byte of a document is (``JSONText/UTF8Validation``), as an offset and a line and column.
enum UTF8Validator {
    /// The byte offset of the first byte that is not part of a valid UTF-8 sequence, or `nil` when all are valid.
    static func firstInvalidOffset(in bytes: UnsafeRawBufferPointer) -> Int? {
        UTF8Validation.firstInvalidOffset(in: bytes)
    }

    /// 1-based line and column of byte `offset` (columns count characters before it on its line).
    static func position(of offset: Int, in bytes: UnsafeRawBufferPointer) -> TextPosition {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset && index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return TextPosition.of(offset: offset, in: bytes, lineStart: lineStart, line: line)
    }
}
