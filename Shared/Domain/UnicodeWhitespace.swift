/// Foundation's `CharacterSet.whitespaces` and `.whitespacesAndNewlines`, read on Unicode scalars without bridging
/// through `NSString`.
///
/// `String.trimmingCharacters(in:)` converts to UTF-16, searches, and builds a new `String` from the UTF-16 slice;
/// for the Chinese names and units in every filing row that was ≈ 11 % of ingest's CPU on 1 000-row CSV batches
/// (`perf record`, docs/performance.md "Per-event cost, sixth pass").
/// These functions slice the string's own storage instead. The sets are Foundation's, scalar for scalar:
/// `UnicodeWhitespaceTests` compares both predicates with `CharacterSet` on every Unicode scalar, and the trims
/// with `trimmingCharacters(in:)` on random strings.
public enum UnicodeWhitespace {
    /// Whether `scalar` is in `CharacterSet.whitespaces`: general category Zs (U+0020, U+00A0, U+1680,
    /// U+2000–U+200A, U+202F, U+205F, U+3000), CHARACTER TABULATION, and (as Foundation's tables on Linux have it,
    /// from before Unicode 4.0.1 moved it to Cf) ZERO WIDTH SPACE U+200B.
    @inlinable
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        // Zs spelled out (a table lookup per scalar was most of trimming a Chinese name);
        // `UnicodeWhitespaceTests` checks the list against `CharacterSet` on every scalar.
        switch value {
        case 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Whether `scalar` is in `CharacterSet.whitespacesAndNewlines`: general category Z* (Zs, Zl U+2028, Zp U+2029),
    /// U+0009–U+000D, U+0085 and U+200B.
    @inlinable
    public static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        switch value {
        case 0x85, 0x2028, 0x2029: return true
        default: return isWhitespace(scalar)
        }
    }

    /// `text` without leading and trailing ``isWhitespace(_:)`` scalars (what `trimmingCharacters(in: .whitespaces)`
    /// gives). Returns `text` itself when there is nothing to trim.
    public static func trimmingWhitespace(_ text: String) -> String {
        if hasPlainEnds(text.utf8) { return text }
        return whole(text, or: trimmed(text[...], isTrimmed: isWhitespace))
    }

    /// `text` without leading and trailing ``isWhitespace(_:)`` scalars.
    public static func trimmingWhitespace(_ text: Substring) -> String {
        String(hasPlainEnds(text.utf8) ? text : trimmed(text, isTrimmed: isWhitespace))
    }

    /// `text` without leading and trailing ``isWhitespaceOrNewline(_:)`` scalars (what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives).
    public static func trimmingWhitespaceAndNewlines(_ text: String) -> String {
        if hasPlainEnds(text.utf8) { return text }
        return whole(text, or: trimmed(text[...], isTrimmed: isWhitespaceOrNewline))
    }

    /// `text` itself when `slice` is all of it (a name with Chinese ends and nothing to trim: no copy), else the
    /// slice as a new string.
    private static func whole(_ text: String, or slice: Substring) -> String {
        slice.startIndex == text.startIndex && slice.endIndex == text.endIndex ? text : String(slice)
    }

    /// Whether `text` is empty or only ``isWhitespaceOrNewline(_:)`` scalars (what
    /// `trimmingCharacters(in: .whitespacesAndNewlines).isEmpty` tells), without building a string.
    public static func isBlank(_ text: String) -> Bool {
        if hasPlainEnds(text.utf8) { return false }
        return text.unicodeScalars.allSatisfy(isWhitespaceOrNewline)
    }

    /// Whether the first and last bytes are printable ASCII other than space (nothing to trim, not blank).
    @inline(__always)
    private static func hasPlainEnds<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F
    }

    /// `text` cut at its first and last scalar that `isTrimmed` keeps; scalar-aligned bounds (a combining mark
    /// after a trimmed space starts the result, as in Foundation).
    private static func trimmed(_ text: Substring, isTrimmed: (Unicode.Scalar) -> Bool) -> Substring {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isTrimmed($0) }) else { return text[text.endIndex...] }
        // Some scalar is kept, so a last kept one exists at or after `start`.
        let last = scalars.lastIndex(where: { !isTrimmed($0) }) ?? start
        return text[start..<scalars.index(after: last)]
    }
}
