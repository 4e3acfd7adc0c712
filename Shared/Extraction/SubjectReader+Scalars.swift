/// The scalar path of ``SubjectReader``: the same rules on slices of normalised text, for documents made of
/// ``ScalarText/isStandalone(_:)`` scalars (see ``ScalarContextReader``).
///
/// Measured (perf, 2026-12-01, 1 MiB report): `clean(_:)` alone took 21 % of extraction, nearly all of it in
/// `Substring.hasPrefix`/`hasSuffix` walking grapheme clusters for each of the ~90 cue words; here each test
/// compares a few scalars. `ScalarPathTests` checks every function against its `String` twin.
extension SubjectReader {
    static let leadingWordScalars = ScalarText.words(leadingWords)
    static let trailingWordScalars = ScalarText.words(trailingWords)
    /// ``verbs`` then ``FigureScanner/verbsAfterCount`` then 以上: the words that end the noun after a unit.
    static let nounEndScalars = ScalarText.words(verbs + FigureScanner.verbsAfterCount + ["以上"])
    static let leadingCueScalars = ScalarText.words(["累计", "新增", "总计", "合计", "共"])

    /// ``subject(before:after:)`` on scalars.
    func subject(scalarsBefore before: ScalarText.Slice, after: String) -> String {
        let pre = ScalarText.string(clean(scalars: before))
        let post = after.hasPrefix("的") ? String(after.dropFirst()) : after
        if post.isEmpty { return pre }
        if pre.isEmpty { return post }
        return pre + "的" + post
    }

    /// ``leadingCue(_:)`` on scalars.
    func leadingCue(scalars before: ScalarText.Slice) -> String {
        let compact = ScalarText.compact(before)
        for word in Self.leadingCueScalars where ScalarText.hasPrefix(compact, word) {
            return ScalarText.string(word[...])
        }
        return ""
    }

    /// ``clean(_:)`` on scalars.
    func clean(scalars: ScalarText.Slice) -> ScalarText.Slice {
        var text = ScalarText.compact(scalars)
        var changed = true
        while changed && !text.isEmpty {
            changed = false
            if let stripped = stripLeadingPeriod(scalars: text) {
                text = stripped
                changed = true
            }
            for word in Self.leadingWordScalars where ScalarText.hasPrefix(text, word) {
                text = text.dropFirst(word.count)
                changed = true
                break
            }
            for word in Self.trailingWordScalars where ScalarText.hasSuffix(text, word) {
                text = text.dropLast(word.count)
                changed = true
                break
            }
        }
        return text
    }

    /// ``nounAfterUnit(_:)`` on scalars: the noun and where its first occurrence in `text` ends (the end the
    /// reference path finds with `range(of:)`), or an empty noun and `text.startIndex`.
    func nounAfterUnit(scalars text: ScalarText.Slice) -> (noun: String, end: Int) {
        var result: [Unicode.Scalar] = []
        var index = text.startIndex
        while index < text.endIndex {
            let scalar = text[index]
            if ScalarClass.isWhiteSpace(scalar) {
                index += 1
                continue
            }
            guard ScalarClass.isCJK(scalar) || ScalarClass.isLatinLetter(scalar) || Self.isNounMark(scalar) else { break }
            if ChineseNumeral.canStartNumeral(scalar), !result.isEmpty { break }
            let rest = text[index...]
            if Self.nounEndScalars.contains(where: { ScalarText.hasPrefix(rest, $0) }) { break }
            result.append(scalar)
            index += 1
        }
        guard !result.isEmpty, let start = ScalarText.firstIndex(of: result, in: text) else {
            return ("", text.startIndex)
        }
        return (ScalarText.string(result[...]), start + result.count)
    }

    /// ``headNoun(of:)`` on scalars.
    func headNoun(scalars clause: ScalarText.Slice) -> String {
        let compact = ScalarText.compact(clause)
        if let index = compact.lastIndex(of: "的") {
            return ScalarText.string(clean(scalars: compact[(index + 1)...]))
        }
        return ScalarText.string(clean(scalars: compact))
    }

    /// Quotation marks, book-title marks and brackets allowed in the noun after a unit (`“”‘’《》（）()`).
    private static func isNounMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "“", "”", "‘", "’", "《", "》", "（", "）", "(", ")": true
        default: false
        }
    }

    /// ``stripLeadingPeriod(_:)`` on scalars.
    private func stripLeadingPeriod(scalars text: ScalarText.Slice) -> ScalarText.Slice? {
        var rest = text
        var digits = 0
        while let first = rest.first, Self.isASCIIDigit(first) {
            rest = rest.dropFirst()
            digits += 1
        }
        guard digits > 0 else { return nil }
        if digits == 4, rest.first == "年" {
            rest = rest.dropFirst()
            if rest.first == "度" || rest.first == "底" || rest.first == "末" { rest = rest.dropFirst() }
            return stripLeadingPeriod(scalars: rest) ?? rest
        }
        if digits <= 2 {
            if let first = rest.first, first == "-" || first == "—" || first == "–" || first == "~" || first == "至" {
                rest = rest.dropFirst()
                while let first = rest.first, Self.isASCIIDigit(first) { rest = rest.dropFirst() }
            }
            if rest.first == "月" { return rest.dropFirst() }
        }
        return nil
    }

    /// `Character.isASCII && isNumber` for a one-scalar character.
    private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }
}
