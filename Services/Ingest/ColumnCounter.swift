/// Computes 1-based character columns for byte offsets requested in increasing order, in linear time overall
/// (recounting from the line start for every field of a very long line would be quadratic: a denial of service).
struct ColumnCounter {
    private var lineStart = -1
    private var cursor = 0
    private var column = 1

    /// The column of byte `offset` on the line starting at byte `lineStart`.
    mutating func column(at offset: Int, lineStart: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        if lineStart != self.lineStart || offset < cursor {
            self.lineStart = lineStart
            cursor = lineStart
            column = 1
        }
        while cursor < offset && cursor < bytes.count {
            // Count only the first byte of each UTF-8 sequence.
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        return column
    }
}
