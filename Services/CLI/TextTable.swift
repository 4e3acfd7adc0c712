/// A plain-text table for terminals: columns aligned by display width (CJK and full-width characters take two
/// columns), a rule under the header, numbers right-aligned.
struct TextTable: Sendable {
    /// How a column's cells are aligned.
    enum Alignment: Sendable {
        /// Pad on the right.
        case left
        /// Pad on the left (numbers).
        case right
    }

    /// Column titles (Chinese with English beside them).
    var headers: [String]
    /// Alignment per column (missing entries are `.left`).
    var alignments: [Alignment]
    /// The rows; short rows are padded with empty cells.
    var rows: [[String]] = []

    /// Creates a table with `headers`.
    init(headers: [String], alignments: [Alignment] = []) {
        self.headers = headers
        self.alignments = alignments
    }

    /// Appends a row.
    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as lines joined by newlines, with a trailing newline; trailing spaces are trimmed.
    func render() -> String {
        let columns = headers.count
        let all = [headers] + rows.map { row in (0..<columns).map { $0 < row.count ? row[$0] : "" } }
        let widths = (0..<columns).map { column in all.map { Self.displayWidth($0[column]) }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in all.enumerated() {
            lines.append(format(row, widths: widths))
            if index == 0 {
                lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func format(_ row: [String], widths: [Int]) -> String {
        var cells: [String] = []
        for (column, cell) in row.enumerated() {
            let padding = String(repeating: " ", count: max(0, widths[column] - Self.displayWidth(cell)))
            let alignment = column < alignments.count ? alignments[column] : .left
            cells.append(alignment == .right ? padding + cell : cell + padding)
        }
        var line = cells.joined(separator: "  ")
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Terminal columns taken by `text`: East Asian wide and full-width characters count two, combining marks and
    /// zero-width characters none, everything else one.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || value == 0x200B || value == 0x200D
                || value == 0xFE0F {
                return width
            }
            return width + (isWide(value) ? 2 : 1)
        }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
