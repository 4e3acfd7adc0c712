/// Word tests on slices of Unicode scalars, for the scalar path of figure context reading
/// (``ScalarContextReader``).
///
/// They equal the `String` operations the reference path uses (`hasPrefix`, `hasSuffix`, `contains`,
/// `range(of:)`, dropping `count` characters) only on text whose every scalar is a `Character` of its own with no
/// canonically equivalent spelling (``isStandalone(_:)``): the reader checks that once per document and keeps the
/// `String` path for any other text.
enum ScalarText {
    /// A slice of normalised text.
    typealias Slice = ArraySlice<Unicode.Scalar>

    /// The scalars of each word, for the tests below.
    static func words(_ words: [String]) -> [[Unicode.Scalar]] {
        words.map { Array($0.unicodeScalars) }
    }

    /// Whether `text` starts with `word`.
    @inline(__always)
    static func hasPrefix(_ text: Slice, _ word: [Unicode.Scalar]) -> Bool {
        guard word.count <= text.count else { return false }
        var index = text.startIndex
        for scalar in word {
            if text[index] != scalar { return false }
            index += 1
        }
        return true
    }

    /// Whether `text` ends with `word`.
    @inline(__always)
    static func hasSuffix(_ text: Slice, _ word: [Unicode.Scalar]) -> Bool {
        guard word.count <= text.count else { return false }
        var index = text.endIndex - word.count
        for scalar in word {
            if text[index] != scalar { return false }
            index += 1
        }
        return true
    }

    /// The start of the first occurrence of `word` in `text` at or after `from` (an index of `text`), if any.
    static func firstIndex(of word: [Unicode.Scalar], in text: Slice, from: Int? = nil) -> Int? {
        guard let first = word.first else { return from ?? text.startIndex }
        var index = from ?? text.startIndex
        let last = text.endIndex - word.count
        while index <= last {
            if text[index] == first {
                var offset = 1
                while offset < word.count && text[index + offset] == word[offset] { offset += 1 }
                if offset == word.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// Whether `word` occurs in `text`.
    @inline(__always)
    static func contains(_ text: Slice, _ word: [Unicode.Scalar]) -> Bool {
        firstIndex(of: word, in: text) != nil
    }

    /// Whether any of `words` occurs in `text`.
    static func containsAny(_ text: Slice, _ words: [[Unicode.Scalar]]) -> Bool {
        words.contains { contains(text, $0) }
    }

    /// `text` without white-space scalars (``CompactText/withoutWhiteSpace(_:)`` on scalars), as a slice starting
    /// at index 0.
    static func compact(_ text: Slice) -> Slice {
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(text.count)
        for scalar in text where !ScalarClass.isWhiteSpace(scalar) { kept.append(scalar) }
        return kept[...]
    }

    /// `text` as a string.
    @inline(__always)
    static func string(_ text: Slice) -> String {
        NormalizedText.string(text)
    }

    /// Whether `scalar` is a `Character` of its own next to any other such scalar and has no canonical
    /// decomposition, so that on text made only of such scalars `String` comparison (by characters, up to
    /// canonical equivalence) equals scalar comparison: LF, tab and the other white space except CR (which joins a
    /// following LF) and U+2000/U+2001 (which decompose), printable ASCII, Latin-1 signs, general punctuation,
    /// Roman numerals, enclosed numbers, box drawing and geometric shapes, CJK punctuation, enclosed CJK and
    /// compatibility squares (㎡), CJK unified ideographs, full-width forms. Not: combining marks, accented
    /// letters, CJK compatibility ideographs (U+F900… decompose to unified ones), Hangul, anything outside the
    /// BMP. `ScalarTextTests` checks the set against the Unicode properties.
    static func isStandalone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09, 0x0B, 0x0C: true  // LF, tab, VT, FF (CR joins a following LF into one character)
        case 0x20...0x7E: true  // printable ASCII
        case 0x85, 0xA0: true  // NEL, no-break space
        case 0xA1...0xBF, 0xD7, 0xF7: true  // Latin-1 signs (no decompositions; not the accented letters)
        case 0x1680, 0x2002...0x200A, 0x2028, 0x2029, 0x202F, 0x205F: true  // spaces and separators
        case 0x2010...0x2027, 0x2030...0x205E: true  // general punctuation without format characters
        case 0x2160...0x2188: true  // Roman numerals (compatibility decompositions only)
        case 0x2460...0x24FF: true  // enclosed alphanumerics ① ⑴ ⒈
        case 0x2500...0x25FF: true  // box drawing, block elements, geometric shapes ■ ● ○
        case 0x3000...0x3029, 0x3030...0x303F: true  // CJK punctuation without combining tone marks
        case 0x3200...0x33FF: true  // enclosed CJK letters and months, CJK compatibility squares ㎡
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: true  // CJK unified ideographs (no decompositions)
        case 0xFF01...0xFF65: true  // full-width and half-width punctuation forms
        default: false
        }
    }
}
