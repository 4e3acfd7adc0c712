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
