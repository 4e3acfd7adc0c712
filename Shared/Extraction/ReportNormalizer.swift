import Foundation

/// Turns PDF-extracted newspaper text into running prose while remembering where every character came from.
///
/// - Lines broken mid-phrase are joined (also across the blank lines the PDF layout inserts, e.g.
///   `拟投资1.437\n\n亿元` → `拟投资1.437亿元`); a line ending in terminal punctuation (。！？；：) or a line
///   starting with white space (a caption) starts a new paragraph.
/// - A doubled heading (`一张蓝图一张蓝图`, or the same short line twice in a row) is kept once as its own
///   paragraph, marked as heading (never read for figures: `两个第一两个第一` is not 2 个).
/// - A title line with a space between two Chinese phrases (`聚焦开放合作 成果转化扩面提质`) and a short list-marker
///   heading (`一、主要创新指标稳中有进`) are paragraphs of their own; a list item (`（一）…`, `1.…`) starts one.
/// - Page furniture is dropped: editor lines (`编辑：… 美编：… 组版：… 校对：…`), footer dates
///   (`星期日 2025年1月5日`) and lone page numbers.
public struct ReportNormalizer: Sendable {
    /// Longest heading (in scalars) recognised as doubled.
    public var maximumHeadingLength: Int

    /// Creates a normaliser.
    public init(maximumHeadingLength: Int = 16) {
        self.maximumHeadingLength = maximumHeadingLength
    }

    /// Normalises `text`; see the type's documentation.
    public func normalize(_ text: String) -> NormalizedText {
        let original = Array(text.unicodeScalars)
        var lineStart = 0
        // Each line as a range of original scalar offsets, without its `\n`.
        var lines: [Range<Int>] = []
        for (index, scalar) in original.enumerated() where scalar == "\n" {
            lines.append(lineStart..<index)
            lineStart = index + 1
        }
        if lineStart < original.count { lines.append(lineStart..<original.count) }
        // At most every scalar and one break per line: reserving it saves the arrays' regrowth (page faults and
        // copies were a fifth of normalising a 1 MiB report, perf 2026-12-01).
        var builder = Builder(capacity: original.count + lines.count)

        var forceBreak = true
        var skipped: Int?
        for (lineIndex, line) in lines.enumerated() {
            if lineIndex == skipped { continue }
            guard let content = trimmed(line, in: original) else { continue }
            if isFurniture(original[content]) { continue }
            let indented = content.lowerBound > line.lowerBound
            var body = content
            if let repeated = repeatedLine(after: lineIndex, content: content, lines: lines, in: original) {
                // A heading printed twice on consecutive lines: keep the first, skip the copy.
                builder.paragraphBreak(at: content.lowerBound)
                builder.append(original, content, heading: true)
                forceBreak = true
                skipped = repeated
                continue
            }
            if let headingLength = doubledHeadingLength(original[content]) {
                builder.paragraphBreak(at: content.lowerBound)
                builder.append(original, content.lowerBound..<(content.lowerBound + headingLength), heading: true)
                forceBreak = true
                guard let rest = trimmed((content.lowerBound + 2 * headingLength)..<content.upperBound, in: original)
                else { continue }
                body = rest
            }
            let listItem = startsWithListMarker(original[body])
            let title = isTitleLine(original[body]) || (listItem && isHeadingText(original[body]))
            if forceBreak || indented || title || listItem || builder.endsParagraphLine {
                builder.paragraphBreak(at: body.lowerBound)
            }
            builder.append(original, body, heading: false)
            forceBreak = title
        }
        return NormalizedText(
            original: original, scalars: builder.scalars, origins: builder.origins, isHeading: builder.isHeading)
    }

    /// Accumulates normalised scalars with their origins.
    private struct Builder {
        var scalars: [Unicode.Scalar] = []
        var origins: [Int] = []
        var isHeading: [Bool] = []

        init(capacity: Int) {
            scalars.reserveCapacity(capacity)
            origins.reserveCapacity(capacity)
            isHeading.reserveCapacity(capacity)
        }

        var endsParagraphLine: Bool {
            scalars.last.map(ScalarClass.endsParagraphLine) ?? true
        }

        mutating func paragraphBreak(at origin: Int) {
            guard let last = scalars.last, last != "\n" else { return }
            scalars.append("\n")
            // The break stands for the line end just before `origin`; it maps to the last joined scalar's
            // successor so ranges ending at a break stay inside the preceding paragraph.
            origins.append((origins.last ?? origin - 1) + 1)
            isHeading.append(false)
        }

        mutating func append(_ original: [Unicode.Scalar], _ range: Range<Int>, heading: Bool) {
            scalars.append(contentsOf: original[range])
            origins.append(contentsOf: range)
            isHeading.append(contentsOf: repeatElement(heading, count: range.count))
        }
    }

    /// The index of the next non-blank line when it repeats `content` exactly and `content` is short enough to
    /// be a heading (no clause punctuation).
    private func repeatedLine(
        after index: Int, content: Range<Int>, lines: [Range<Int>], in original: [Unicode.Scalar]
    ) -> Int? {
        guard content.count <= 2 * maximumHeadingLength, isHeadingText(original[content]) else { return nil }
        var next = index + 1
        while next < lines.count {
            if let other = trimmed(lines[next], in: original) {
                return original[other].elementsEqual(original[content]) ? next : nil
            }
            next += 1
        }
        return nil
    }

    /// The range without leading and trailing blanks, or `nil` for a blank line.
    private func trimmed(_ range: Range<Int>, in original: [Unicode.Scalar]) -> Range<Int>? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, ScalarClass.isBlank(original[lower]) { lower += 1 }
        while upper > lower, ScalarClass.isBlank(original[upper - 1]) { upper -= 1 }
        return lower < upper ? lower..<upper : nil
    }

    /// Editor lines, footer dates and lone page numbers.
    func isFurniture(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        if line.allSatisfy({ ScalarClass.digitValue($0) != nil || ScalarClass.isBlank($0) }) {
            return true
        }
        // Cheap scalar tests first: editor lines name 编辑, footer dates 星期. Foundation's `contains` (below) finds
        // a word only where its scalars stand literally when no other scalar is canonically equivalent to them (true
        // of 编 辑 星 期), so without the literal pair the answer is no — and a line merely naming 星 (链智星城) no
        // longer pays ten Foundation searches (≈ 6 µs each; 10 % of extracting the seed report, perf 2026-12-01).
        let editorLine = Self.hasPair("编", "辑", in: line)
        guard editorLine || Self.hasPair("星", "期", in: line, skippingWhiteSpace: true) else { return false }
        let text = NormalizedText.string(line)
        let editorialRoles = ["美编", "组版", "校对", "责编", "责任编辑", "审核", "签发"]
        if editorLine && text.contains("编辑") && (text.contains("：") || text.contains(":"))
            && editorialRoles.contains(where: { text.contains($0) }) {
            return true
        }
        return isFooterDate(text)
    }

    /// Whether `first` is directly followed by `second` in `line` (white space between them skipped if asked:
    /// footer dates are matched with white space removed).
    private static func hasPair(
        _ first: Unicode.Scalar, _ second: Unicode.Scalar, in line: ArraySlice<Unicode.Scalar>,
        skippingWhiteSpace: Bool = false
    ) -> Bool {
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == first {
                var next = index + 1
                while skippingWhiteSpace, next < line.endIndex, ScalarClass.isWhiteSpace(line[next]) { next += 1 }
                if next < line.endIndex, line[next] == second { return true }
            }
            index += 1
        }
        return false
    }

    /// `星期日 2025年1月5日`, `2025年1月5日 星期日` (optionally with the lunar or issue text removed).
    private func isFooterDate(_ text: String) -> Bool {
        let compact = CompactText.withoutWhiteSpace(text)
        let weekday = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日", "星期天"]
        guard let day = weekday.first(where: { compact.contains($0) }) else { return false }
        let rest = compact.replacingOccurrences(day)
        // What remains must be a date: digits with 年 月 日 only.
        guard rest.contains("年"), rest.contains("月"), rest.hasSuffix("日") else { return false }
        return rest.allSatisfy { $0.isASCII && $0.isNumber || "年月日".contains($0) }
    }

    /// The length of the heading when the line starts with the same 2…`maximumHeadingLength` scalars twice,
    /// followed by the line end or white space.
    func doubledHeadingLength(_ line: ArraySlice<Unicode.Scalar>) -> Int? {
        let scalars = Array(line)
        let longest = min(maximumHeadingLength, scalars.count / 2)
        guard longest >= 2 else { return nil }
        for length in stride(from: longest, through: 2, by: -1) {
            let first = scalars[0..<length]
            // The copy must start where the heading does: tested first, it rejects nearly every line and length
            // without the scans below (this function was 16 % of normalising, perf 2026-12-01).
            guard scalars[length] == scalars[0], first.allSatisfy({ !ScalarClass.isBlank($0) }),
                  first.contains(where: ScalarClass.isCJK),
                  first.elementsEqual(scalars[length..<(2 * length)])
            else { continue }
            if 2 * length == scalars.count || ScalarClass.isBlank(scalars[2 * length]) { return length }
        }
        return nil
    }

    /// Starts with a list marker: `一、` … `十、`, `（一）`, `(1)`, `1、`, `1.` followed by text.
    func startsWithListMarker(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        let scalars = Array(line)
        var index = 0
        let opened = index < scalars.count && (scalars[index] == "（" || scalars[index] == "(")
        if opened { index += 1 }
        let numberStart = index
        while index < scalars.count,
              ScalarClass.digitValue(scalars[index]) != nil || Self.isListNumeral(scalars[index]) {
            index += 1
        }
        guard index > numberStart, index - numberStart <= 3, index < scalars.count else { return false }
        if opened { return scalars[index] == "）" || scalars[index] == ")" }
        let isChinese = ScalarClass.digitValue(scalars[numberStart]) == nil
        if scalars[index] == "、" { return true }
        // `1.` but not `1.5亿元`.
        return !isChinese && (scalars[index] == "." || scalars[index] == "．")
            && index + 1 < scalars.count && ScalarClass.digitValue(scalars[index + 1]) == nil
    }

    /// Short text without clause punctuation: a heading rather than the start of a sentence.
    func isHeadingText(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        line.count <= 30 && !line.contains(where: Self.isHeadingBreaker)
    }

    // The two sets below were `"…".unicodeScalars.contains(scalar)`, decoding the literal for every scalar tested
    // (a fifth of normalising the seed report, perf 2026-12-01); `ReportNormalizerTests` compares them.

    /// `"，。；：！？,;:!?".unicodeScalars.contains(scalar)`: punctuation a heading does not contain.
    static func isHeadingBreaker(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "，", "。", "；", "：", "！", "？", ",", ";", ":", "!", "?": true
        default: false
        }
    }

    /// `"一二三四五六七八九十".unicodeScalars.contains(scalar)`: the numerals of list markers (`三、`, `（十）`).
    static func isListNumeral(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": true
        default: false
        }
    }

    /// A line with white space between two Chinese characters (newspaper titles and captions).
    func isTitleLine(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        let scalars = Array(line)
        var index = 1
        while index < scalars.count {
            if ScalarClass.isBlank(scalars[index]) {
                var end = index
                while end < scalars.count, ScalarClass.isBlank(scalars[end]) { end += 1 }
                if end < scalars.count, ScalarClass.isCJK(scalars[index - 1]), ScalarClass.isCJK(scalars[end]) {
                    return true
                }
                index = end
            } else {
                index += 1
            }
        }
        return false
    }
}

extension String {
    /// This string with every occurrence of `target` removed.
    fileprivate func replacingOccurrences(_ target: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
