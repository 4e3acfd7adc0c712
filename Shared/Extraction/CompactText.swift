/// Byte-level text helpers for the extractor's per-figure checks (cue words, white space).
///
/// Why our own: per figure the reader strips white space from the clause and sentence and looks for a dozen cue
/// words in them. `filter { !$0.isWhitespace }` walks grapheme clusters (10–16 µs on a 130-character Chinese
/// sentence) and `String.contains` resolves to `NSString.range(of:)` (≈ 6 µs per cue); the byte versions here take
/// ≈ 0.4 µs and 0.1 µs (measured with `swiftc -O` on that sentence, docs/performance.md "Extraction"). Together they
/// took extraction of the seed report from 1.8 to 2.7 ms once the wider figure kinds added their cue checks.
enum CompactText {
    /// `text` without white-space scalars (what `filter { !$0.isWhitespace }` gives for text without combining marks
    /// after a space, i.e. report text).
    static func withoutWhiteSpace(_ text: some StringProtocol) -> String {
        var text = String(text)
        return text.withUTF8 { bytes in
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let length = scalarLength(bytes[index])
                let end = min(index + length, bytes.count)
                if !isWhiteSpace(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[index..<end]))) {
                    kept.append(contentsOf: bytes[index..<end])
                }
                index = end
            }
            return String(decoding: kept, as: UTF8.self)
        }
    }

    /// Whether `phrase` occurs in `text` (literal; UTF-8 is self-synchronising, so a byte match is a match of whole
    /// scalars, and the cue words contain no combining marks).
    static func contains(_ text: some StringProtocol, _ phrase: String) -> Bool {
        var text = String(text)
        return text.withUTF8 { contains(UnsafeRawBufferPointer($0), phrase) }
    }

    /// Whether any of `phrases` occurs in `text`.
    static func containsAny(_ text: some StringProtocol, _ phrases: [String]) -> Bool {
        var text = String(text)
        return text.withUTF8 { haystack in phrases.contains { contains(UnsafeRawBufferPointer(haystack), $0) } }
    }

    private static func contains(_ haystack: UnsafeRawBufferPointer, _ phrase: String) -> Bool {
        var phrase = phrase
        return phrase.withUTF8 { needle in
            guard let first = needle.first else { return true }
            guard haystack.count >= needle.count else { return false }
            var index = 0
            let last = haystack.count - needle.count
            while index <= last {
                if haystack[index] == first {
                    var offset = 1
                    while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        default: 4
        }
    }

    /// Whether the one scalar in `bytes` is white space (`Unicode.Scalar.Properties.isWhitespace`).
    private static func isWhiteSpace(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch bytes.count {
        case 1:
            let byte = bytes[0]
            return byte == 0x20 || (0x09...0x0D).contains(byte)
        case 2, 3:
            // Only U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000 qualify.
            guard bytes[0] == 0xC2 || bytes[0] == 0xE1 || bytes[0] == 0xE2 || bytes[0] == 0xE3 else { return false }
            let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first
            return scalar.map(ScalarClass.isWhiteSpace) ?? false
        default:
            return false
        }
    }
}
