/// A place in a submitted document: 1-based line and 1-based column (in characters, i.e. Unicode scalars).
struct TextPosition: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line.
    var line: Int
    /// 1-based column (Unicode scalars from the start of the line).
    var column: Int

    /// `line 3, column 7`.
    var description: String { "line \(line), column \(column)" }

    /// The position of byte `offset` in `bytes`, counting lines from `firstLine`.
    static func of(offset: Int, in bytes: UnsafeRawBufferPointer, lineStart: Int, line: Int) -> TextPosition {
        var column = 1
        var index = lineStart
        while index < offset && index < bytes.count {
            // Count only the first byte of each UTF-8 sequence.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return TextPosition(line: line, column: column)
    }
}
