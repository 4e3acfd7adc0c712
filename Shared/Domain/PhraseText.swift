/// Normalisation of Chinese report text for phrase matching.
public enum PhraseText {
    /// Characters dropped before matching: quotation marks and book-title marks.
    static let dropped: Set<Character> = [
        "“", "”", "‘", "’", "\"", "'", "「", "」", "『", "』", "《", "》", "〈", "〉", "・", "·",
    ]

    /// Removes whitespace (including line breaks and the ideographic space), quotation and book-title marks,
    /// folds full-width ASCII forms (（ ） ％ Ａ １) to ASCII and upper-cases Latin letters.
    ///
    /// `"获评省“双创”创\n新类9个"` becomes `"获评省双创创新类9个"`.
    public static func normalize(_ text: String) -> String {
        normalizeStandalone(text) ?? referenceNormalize(text)
    }

    /// ``normalize(_:)`` scalar by scalar, for text whose every scalar is a `Character` of its own without a
    /// canonical decomposition (``IndicatorMatcher/isSimple(_:)``'s scalars and white space other than the two
    /// decomposing spaces U+2000 and U+2001); `nil` for other text. There a character is white space or dropped exactly
    /// when its scalar is, so the result is the reference's. Walking grapheme clusters and hashing `Character`s
    /// into `dropped` made normalising a subject 15 % of a match (perf, 2026-12-01); this is a few compares per
    /// scalar. `PhraseTextTests` (in ExtractionTests) compares the two.
    static func normalizeStandalone(_ text: String) -> String? {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            var value = scalar.value
            switch value {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2002...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                continue  // white space
            case 0x22, 0x27, 0xB7, 0x2018, 0x2019, 0x201C, 0x201D, 0x300A...0x300F, 0x3008, 0x3009:
                continue  // " ' · ‘ ’ “ ” 《 》 「 」 『 』 〈 〉
            case 0x21...0x7E, 0xA1...0xBF, 0xD7, 0xF7, 0x2010...0x2027, 0x2030...0x205E, 0x3001...0x3029, 0x3030...0x303F,
                 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF65:
                if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 }
                if value >= 0x61 && value <= 0x7A { value -= 0x20 }
                guard let folded = Unicode.Scalar(value) else { return nil }
                result.append(folded)
            default:
                return nil
            }
        }
        return String(result)
    }

    /// ``normalize(_:)`` as written first, character by character (any text).
    static func referenceNormalize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for character in text where !character.isWhitespace && !dropped.contains(character) {
            for scalar in character.unicodeScalars {
                var value = scalar.value
                if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
                if (0x61...0x7A).contains(value) { value -= 0x20 }
                if let folded = Unicode.Scalar(value) { result.append(folded) }
            }
        }
        return String(result)
    }
}
