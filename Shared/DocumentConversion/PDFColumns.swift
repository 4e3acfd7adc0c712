/// Reading-order repair for one page of `pdftotext -layout` output: columns that `-layout` prints side by side on
/// one line are read one after the other.
///
/// `-layout` places every glyph in a character grid: a Chinese (full-width) character takes **one** cell, like a
/// Latin letter, so a column starts at the same *character* index on every line (not the same display width, and
/// not the same byte offset). Positions here are therefore counted in `Character`s.
///
/// The repair, per page (``reorder(_:)``):
/// 1. Page furniture is dropped (``PageFurniture``): editor lines (`编辑：… 美编：… 校对：…`) anywhere, lone page
///    numbers as the first or last line of text.
/// 2. The gutter is the character position that lies inside a run of at least two spaces, with text on both sides,
///    on the most lines. It counts only if such lines are at least ``minimumSplitLines`` and a quarter of the page's
///    lines of text, and if the text on both sides is prose-wide (median at least ``minimumColumnWidth``
///    characters), so an aligned table of short cells is left alone.
/// 3. Lines whose text crosses the gutter (a headline over both columns, a caption, a single-column passage) stay in
///    place and separate blocks; within each block the left column is emitted, then the right column. Each column
///    is repaired again the same way, so three or more columns read in order too.
public enum PDFColumns {
    /// Fewest lines with text on both sides of a gap before a gutter is believed.
    public static let minimumSplitLines = 3
    /// Narrowest median column text (in characters) for a gutter: tables of short cells are not columns.
    public static let minimumColumnWidth = 8
    /// How far (in characters) a line's gap may sit from the gutter and still split the line.
    public static let gutterTolerance = 2

    /// The lines of one page (without form feeds) in reading order, furniture dropped. Lines keep their layout
    /// indentation; the caller trims them.
    public static func reorder(_ lines: [String]) -> [String] {
        let kept = PageFurniture.removing(from: lines.map(Array.init))
        return columns(kept, depth: 0).map { String($0) }
    }

    /// How one line relates to a gutter position.
    enum Placement {
        case blank
        /// Text on both sides of the gap that holds the gutter: the left part, and the right part with its column.
        case split(left: [Character], right: [Character])
        case leftOnly
        case rightOnly
        /// Text over the gutter.
        case spanning
    }

    static func columns(_ lines: [[Character]], depth: Int) -> [[Character]] {
        guard depth < 4, let gutter = gutter(of: lines) else { return lines }
        var output: [[Character]] = []
        var left: [[Character]] = [], right: [[Character]] = [], splits = 0
        var block: [[Character]] = []
        func flush() {
            defer { left = []; right = []; block = []; splits = 0 }
            guard splits >= 1 else {
                output += block
                return
            }
            output += columns(compactBlanks(left), depth: depth + 1)
            output += columns(compactBlanks(right), depth: depth + 1)
        }
        for line in lines {
            switch placement(of: line, at: gutter) {
            case .blank:
                left.append([]); right.append([]); block.append(line)
            case let .split(leftPart, rightPart):
                left.append(leftPart); right.append(rightPart); block.append(line); splits += 1
            case .leftOnly:
                left.append(line); right.append([]); block.append(line)
            case .rightOnly:
                left.append([]); right.append(line); block.append(line)
            case .spanning:
                flush()
                output.append(line)
            }
        }
        flush()
        return output
    }

    /// The gutter position of `lines`, if they hold prose columns side by side.
    static func gutter(of lines: [[Character]]) -> Int? {
        let width = lines.map(\.count).max() ?? 0
        guard width > 0 else { return nil }
        var counts = [Int](repeating: 0, count: width)
        var textLines = 0
        for line in lines {
            guard line.contains(where: { $0 != " " }) else { continue }
            textLines += 1
            for gap in interiorGaps(line) {
                for position in gap { counts[position] += 1 }
            }
        }
        guard let best = counts.max(), best >= minimumSplitLines, best * 4 >= textLines else { return nil }
        // The middle of the widest run of best positions.
        var bestRun = 0..<0, start: Int?
        for position in 0...width {
            if position < width, counts[position] == best {
                if start == nil { start = position }
            } else if let first = start {
                if position - first > bestRun.count { bestRun = first..<position }
                start = nil
            }
        }
        let gutter = bestRun.lowerBound + bestRun.count / 2
        var leftWidths: [Int] = [], rightWidths: [Int] = []
        for line in lines {
            if case let .split(leftPart, rightPart) = placement(of: line, at: gutter) {
                leftWidths.append(leftPart.drop { $0 == " " }.count)
                rightWidths.append(rightPart.drop { $0 == " " }.count)
            }
        }
        guard median(leftWidths) >= minimumColumnWidth, median(rightWidths) >= minimumColumnWidth else { return nil }
        return gutter
    }

    /// Where `line` stands relative to the gutter at `position`.
    static func placement(of line: [Character], at position: Int) -> Placement {
        guard let first = line.firstIndex(where: { $0 != " " }), let last = line.lastIndex(where: { $0 != " " }) else {
            return .blank
        }
        if last < position { return .leftOnly }
        if first > position { return .rightOnly }
        // The gap holding the gutter, or one within ``gutterTolerance`` of it (a column line one cell too long).
        let gaps = interiorGaps(line)
        let holding = gaps.first { $0.contains(position) } ?? gaps.first {
            $0.lowerBound - gutterTolerance <= position && position < $0.upperBound + gutterTolerance
        }
        guard let gap = holding else { return .spanning }
        // The right part keeps its column: the left part's cells become spaces.
        let right = [Character](repeating: " ", count: gap.upperBound) + line[gap.upperBound...]
        return .split(left: Array(line[..<gap.lowerBound]), right: right)
    }

    /// Runs of at least two spaces with text before and after.
    static func interiorGaps(_ line: [Character]) -> [Range<Int>] {
        var gaps: [Range<Int>] = []
        var index = 0, seenText = false
        while index < line.count {
            if line[index] == " " {
                let start = index
                while index < line.count, line[index] == " " { index += 1 }
                if seenText, index < line.count, index - start >= 2 { gaps.append(start..<index) }
            } else {
                seenText = true
                index += 1
            }
        }
        return gaps
    }

    /// At most one blank line in a row, none at the start or end.
    static func compactBlanks(_ lines: [[Character]]) -> [[Character]] {
        var result: [[Character]] = []
        for line in lines {
            let blank = !line.contains { $0 != " " }
            if blank, result.last.map({ !$0.contains { $0 != " " } }) ?? true { continue }
            result.append(blank ? [] : line)
        }
        if let last = result.last, !last.contains(where: { $0 != " " }) { result.removeLast() }
        return result
    }

    private static func median(_ values: [Int]) -> Int {
        guard !values.isEmpty else { return 0 }
        return values.sorted()[values.count / 2]
    }
}
