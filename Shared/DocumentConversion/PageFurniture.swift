/// Lines of a printed page that are not part of the text: a newspaper's editor line (`编辑：甲 美编：乙 校对：丙`,
/// often with the page number beside it) and a lone page number (`3`, `- 3 -`, `第3版`) as the page's first or last
/// line of text.
public enum PageFurniture {
    /// The roles an editor line names besides 编辑.
    static let editorialRoles = ["美编", "组版", "校对", "责编", "责任编辑", "审核", "签发", "排版"]

    /// `lines` without furniture (lines are grids of characters, as in ``PDFColumns``).
    public static func removing(from lines: [[Character]]) -> [[Character]] {
        var kept = lines.filter { !isEditorLine(String($0)) }
        let textIndices = kept.indices.filter { kept[$0].contains { !$0.isWhitespace } }
        for index in Set([textIndices.last, textIndices.first].compactMap { $0 }).sorted(by: >)
        where isPageNumber(String(kept[index])) {
            kept.remove(at: index)
        }
        return kept
    }

    /// `编辑：曹益珠 美编：丁科娟 组版：蔡连丰 校对：闵雪莲` (colons optional), with anything before or after it.
    public static func isEditorLine(_ line: String) -> Bool {
        guard line.contains("编辑") else { return false }
        let roles = editorialRoles.filter { line.contains($0) }.count
        return roles >= 2 || (roles == 1 && (line.contains("：") || line.contains(":")))
    }

    /// `3`, `- 3 -`, `— 12 —`, `第3版`, `A3` (at most three digits).
    public static func isPageNumber(_ line: String) -> Bool {
        var core = Substring(line.filter { !$0.isWhitespace })
        core = core.drop { "-—–".contains($0) }
        while let last = core.last, "-—–".contains(last) { core.removeLast() }
        if core.hasPrefix("第"), core.hasSuffix("版") { core = core.dropFirst().dropLast() }
        if let first = core.first, first.isASCII, first.isLetter { core = core.dropFirst() }
        return (1...3).contains(core.count) && core.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
